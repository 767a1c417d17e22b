import { Types } from 'mongoose';
import type { SessionUser } from '../../../accounts';
import { record } from '../../../audit';
import { NotFoundError } from '../../../lib/errors';
import { queryValue } from '../../../lib/http/query-string';
import { workshopsOf, type WorkshopInfo } from '../../meeting.rules';
import { taxonomy } from '../../../reference';
import { registrationsOf, type RegistrationEntry } from '../registration-index';
import { needsOf } from '../accessibility-needs';
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

/** Each waiting registration's place in its workshop's waitlist (1 = next to be promoted). */
function waitlistRanks(rows: RegistrationEntry[]): Map<string, number> {
  const waiting = rows
    .filter((r) => r.status === 'attente')
    .sort(
      (a, b) =>
        (a.waitingSince?.getTime() ?? 0) - (b.waitingSince?.getTime() ?? 0) ||
        a._id.localeCompare(b._id),
    );
  const perWorkshop = new Map<string, number>();
  const ranks = new Map<string, number>();
  for (const r of waiting) {
    const rank = (perWorkshop.get(r.workshop) ?? 0) + 1;
    perWorkshop.set(r.workshop, rank);
    ranks.set(r._id, rank);
  }
  return ranks;
}

/** Registrations of a meeting matching the filters: confirmed by name, waitlist in its order. */
export async function listAttendees(slug: string, filters: AttendeeFilters) {
  const all = await registrationsOf(slug);
  const needs = await needsOf(slug);
  const waitRank = waitlistRanks(all);
  const rows = all.filter(
    (r) =>
      (!filters.atelier || r.workshop === filters.atelier) &&
      (!filters.statut || r.status === filters.statut) &&
      (!filters.type || r.structureType === filters.type),
  );
  const order = { confirmee: 0, attente: 1, annulee: 2 } as const;
  return rows
    .map((r) => ({
      ...r,
      id: r._id,
      waitRank: waitRank.get(r._id),
      accessibility: needs.get(r._id),
    }))
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
  const rows = (await registrationsOf(meeting.slug)).filter((r) => r.status !== 'annulee');
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
