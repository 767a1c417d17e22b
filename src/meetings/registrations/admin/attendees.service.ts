import { Types } from 'mongoose';
import type { SessionUser } from '../../../accounts';
import { record } from '../../../audit';
import { NotFoundError } from '../../../lib/errors';
import { queryValue } from '../../../lib/http/query-string';
import { workshopsOf, type WorkshopInfo } from '../../meeting.rules';
import { taxonomy } from '../../../reference';
import {
  RegistrationModel,
  registrationStatuses,
  type RegistrationStatus,
} from '../registration.model';

/** Filters of the attendees list, read from the query through an allow-list. */
export interface AttendeeFilters {
  atelier?: string;
  statut?: RegistrationStatus;
  type?: string;
}

export function readFilters(
  query: Record<string, unknown>,
  workshopCodes: string[],
): AttendeeFilters {
  const pick = (name: string, allowed: readonly string[]) => {
    const v = queryValue(query, name);
    return v && allowed.includes(v) ? v : undefined;
  };
  return {
    atelier: pick('atelier', workshopCodes),
    statut: pick('statut', registrationStatuses) as RegistrationStatus | undefined,
    type: pick(
      'type',
      taxonomy().actorTypes.map((t) => t.code),
    ),
  };
}

const listFields = {
  lastName: 1,
  firstName: 1,
  email: 1,
  phone: 1,
  structure: 1,
  structureType: 1,
  jobTitle: 1,
  department: 1,
  workshop: 1,
  lunch: 1,
  accessibility: 1,
  listConsent: 1,
  status: 1,
  waitingSince: 1,
  present: 1,
  checkedInAt: 1,
  createdAt: 1,
  source: 1,
  anonymisedAt: 1,
};

/** Each waiting registration's place in its workshop's waitlist (1 = next to be promoted). */
async function waitlistRanks(slug: string): Promise<Map<string, number>> {
  const waiting = await RegistrationModel.find(
    { meeting: slug, status: 'attente' },
    { workshop: 1, waitingSince: 1 },
  )
    .sort({ waitingSince: 1, _id: 1 })
    .lean();
  const perWorkshop = new Map<string, number>();
  const ranks = new Map<string, number>();
  for (const r of waiting) {
    const rank = (perWorkshop.get(r.workshop) ?? 0) + 1;
    perWorkshop.set(r.workshop, rank);
    ranks.set(String(r._id), rank);
  }
  return ranks;
}

/** Registrations of a meeting matching the filters: confirmed by name, waitlist in its order. */
export async function listAttendees(slug: string, filters: AttendeeFilters) {
  const query: Record<string, unknown> = { meeting: slug };
  if (filters.atelier) query.workshop = filters.atelier;
  if (filters.statut) query.status = filters.statut;
  if (filters.type) query.structureType = filters.type;
  const rows = await RegistrationModel.find(query, listFields).lean();
  const order = { confirmee: 0, attente: 1, annulee: 2 } as const;
  const waitRank = await waitlistRanks(slug);
  return rows
    .map((r) => ({ ...r, id: String(r._id), waitRank: waitRank.get(String(r._id)) }))
    .sort(
      (a, b) =>
        order[a.status] - order[b.status] ||
        a.workshop.localeCompare(b.workshop) * (a.status === 'attente' ? 1 : 0) ||
        (a.waitRank ?? 0) - (b.waitRank ?? 0) ||
        a.lastName.localeCompare(b.lastName, 'fr') ||
        a.firstName.localeCompare(b.firstName, 'fr'),
    );
}

export interface WorkshopCounts extends WorkshopInfo {
  confirmed: number;
  waiting: number;
  present: number;
  /** Present / confirmed, in percent (null before anyone is confirmed). */
  attendanceRate: number | null;
}

/** Counts per workshop and the lunch count, computed in TypeScript from the registrations. */
export async function meetingCounts(meeting: Parameters<typeof workshopsOf>[0] & { slug: string }) {
  const rows = await RegistrationModel.find(
    { meeting: meeting.slug, status: { $ne: 'annulee' } },
    { workshop: 1, status: 1, present: 1, lunch: 1 },
  ).lean();
  const confirmed = rows.filter((r) => r.status === 'confirmee');
  const rate = (present: number, total: number) =>
    total ? Math.round((present / total) * 100) : null;
  const workshops: WorkshopCounts[] = workshopsOf(meeting).map((w) => {
    const mine = confirmed.filter((r) => r.workshop === w.code);
    const present = mine.filter((r) => r.present).length;
    return {
      ...w,
      confirmed: mine.length,
      waiting: rows.filter((r) => r.status === 'attente' && r.workshop === w.code).length,
      present,
      attendanceRate: rate(present, mine.length),
    };
  });
  const present = confirmed.filter((r) => r.present).length;
  return {
    workshops,
    confirmed: confirmed.length,
    waiting: rows.length - confirmed.length,
    lunch: confirmed.filter((r) => r.lunch).length,
    present,
    attendanceRate: rate(present, confirmed.length),
  };
}

/** One registration of that meeting, or a 404. */
export async function findRegistration(slug: string, id: string) {
  if (!Types.ObjectId.isValid(id)) throw new NotFoundError('Inscription introuvable');
  const r = await RegistrationModel.findOne({ _id: new Types.ObjectId(id), meeting: slug }).lean();
  if (!r) throw new NotFoundError('Inscription introuvable');
  return r;
}

/** Marks a confirmed person present (idempotent: a second tap changes nothing). */
export async function checkIn(user: SessionUser, slug: string, id: string, ip?: string) {
  const r = await findRegistration(slug, id);
  const done = await RegistrationModel.updateOne(
    { _id: r._id, status: 'confirmee', present: { $ne: true } },
    { $set: { present: true, checkedInAt: new Date() } },
  );
  if (done.modifiedCount === 1) {
    await record({
      actor: user,
      action: 'registration.checked-in',
      target: { type: 'registration', id: String(r._id), label: `${r.firstName} ${r.lastName}` },
      details: { meeting: slug },
      ip,
    });
  }
  return { registration: r, changed: done.modifiedCount === 1 };
}
