import type { Meeting } from './meeting.model';

/**
 * The rules about one meeting that pages, registration and the back office share: its
 * workshops, remaining places, registration state, programme overlaps.
 */
type MeetingLike = Pick<Meeting, 'date' | 'programme' | 'registration' | 'registrationRequired'> & {
  seats?: SeatsLike | null;
};
interface Counter {
  capacity?: number | null;
  taken?: number | null;
}
export interface SeatsLike extends Counter {
  workshops?: Record<string, Counter> | Map<string, Counter> | null;
}

export interface WorkshopInfo {
  code: string;
  title: string;
  theme?: string | null;
  description?: string | null;
  capacity: number | null;
  taken: number;
  /** null when unlimited. */
  remaining: number | null;
  full: boolean;
}

function counterOf(seats: SeatsLike | null | undefined, code: string): Counter | undefined {
  const workshops = seats?.workshops;
  if (!workshops) return undefined;
  return workshops instanceof Map ? workshops.get(code) : workshops[code];
}

const remainingOf = (c: Counter | undefined) =>
  c?.capacity === null || c?.capacity === undefined
    ? null
    : Math.max(0, c.capacity - (c.taken ?? 0));

/** Places left in the whole meeting (null: unlimited). */
export const meetingRemaining = (m: MeetingLike) => remainingOf(m.seats ?? undefined);

/** Every workshop of the programme, with its counters; a full meeting makes each one full. */
export function workshopsOf(m: MeetingLike): WorkshopInfo[] {
  const overall = meetingRemaining(m);
  return (m.programme ?? []).flatMap((slot) =>
    (slot.workshops ?? []).map((w) => {
      const counter = counterOf(m.seats, w.code);
      const remaining = remainingOf(counter);
      return {
        code: w.code,
        title: w.title,
        theme: w.theme,
        description: w.description,
        capacity: counter?.capacity ?? null,
        taken: counter?.taken ?? 0,
        remaining,
        full: remaining === 0 || overall === 0,
      };
    }),
  );
}

/** The instant the meeting's day ends (23:59:59 in France is at most 22:59:59 UTC). */
const dayEnd = (m: MeetingLike) => new Date(m.date.getTime() + 86_400_000 - 3_600_000);

export const isPast = (m: MeetingLike, now = new Date()) => now > dayEnd(m);

export type RegistrationState =
  'sans-inscription' | 'pas-encore' | 'ouverte' | 'complet' | 'fermee';

export const registrationStateLabels: Record<RegistrationState, string> = {
  'sans-inscription': 'Sans inscription',
  'pas-encore': 'Inscriptions bientôt ouvertes',
  ouverte: 'Inscriptions ouvertes',
  complet: 'Complet (liste d’attente)',
  fermee: 'Inscriptions closes',
};

/** Whether people may register now (`complet` still takes waitlist registrations). */
export function registrationState(m: MeetingLike, now = new Date()): RegistrationState {
  const workshops = workshopsOf(m);
  if (!m.registrationRequired || workshops.length === 0) return 'sans-inscription';
  if (isPast(m, now)) return 'fermee';
  const { opensAt, closesAt } = m.registration ?? {};
  if (!opensAt || now < opensAt) return 'pas-encore';
  if (closesAt && now > closesAt) return 'fermee';
  return workshops.every((w) => w.full) ? 'complet' : 'ouverte';
}

export const acceptsRegistrations = (state: RegistrationState) =>
  state === 'ouverte' || state === 'complet';

/** « 09:30 » → minutes since midnight. */
const minutes = (time: string) => Number(time.slice(0, 2)) * 60 + Number(time.slice(3, 5));

export interface Overlap {
  first: number;
  second: number;
}

/** Pairs of programme slots (indexes) whose times overlap. */
export function programmeOverlaps(slots: ReadonlyArray<{ start: string; end: string }>): Overlap[] {
  const found: Overlap[] = [];
  slots.forEach((a, i) =>
    slots.slice(i + 1).forEach((b, j) => {
      if (minutes(a.start) < minutes(b.end) && minutes(b.start) < minutes(a.end)) {
        found.push({ first: i, second: i + 1 + j });
      }
    }),
  );
  return found;
}

/** « 09:30 » → « 9h30 ». */
export const frenchTime = (time: string) => time.replace(/^0/, '').replace(':', 'h');
