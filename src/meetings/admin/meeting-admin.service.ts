import { inRegionScope, regionScope, type SessionUser } from '../../accounts';
import { record } from '../../audit';
import { ConflictError, NotFoundError } from '../../lib/errors';
import { region } from '../../reference';
import { RegistrationModel } from '../registrations/registration.model';
import { MeetingModel } from '../meeting.model';
import { allMeetings, meetingsChanged } from '../meeting.version';
import { workshopsOf } from '../meeting.rules';
import type { MeetingInput } from './meeting.form';

/** A refusal about one field of the editor (the page shows the message beside it). */
export class MeetingConflict extends ConflictError {
  constructor(
    message: string,
    readonly field: string,
  ) {
    super(message);
  }
}

/** The meetings a back-office user may see (a regional coordinator: their régions only). */
export function scopeFilter(user: SessionUser): Record<string, unknown> {
  const scope = regionScope(user);
  return scope ? { region: { $in: scope } } : {};
}

export async function listAdminMeetings(user: SessionUser) {
  const meetings = [...(await allMeetings()).values()]
    .filter((m) => inRegionScope(user, m.region))
    .sort((a, b) => b.date.getTime() - a.date.getTime());
  return meetings.map((m) => ({ ...m, regionName: region(m.region)?.name ?? m.region }));
}

/**
 * A meeting in the user's scope, or a 404 (another région's meeting does not exist for them): read
 * by `_id` (its slug looked up in memory), or by slug for one created elsewhere a moment ago.
 */
export async function findAdminMeeting(user: SessionUser, slug: string) {
  const held = (await allMeetings()).get(slug);
  const meeting = await MeetingModel.findOne({
    ...(held ? { _id: held._id } : { slug }),
    ...scopeFilter(user),
  }).lean();
  if (!meeting || meeting.slug !== slug) throw new NotFoundError('Cette rencontre n’existe pas');
  return meeting;
}

/**
 * The same for a page that only shows the meeting (overview, attendees, check-in): the copy this
 * process holds (up to date with its own writes, within 2 s of another process's), read from the
 * database only when it holds none.
 */
export async function heldAdminMeeting(user: SessionUser, slug: string) {
  const held = (await allMeetings()).get(slug);
  if (!held) return findAdminMeeting(user, slug);
  if (!inRegionScope(user, held.region)) throw new NotFoundError('Cette rencontre n’existe pas');
  return held as Awaited<ReturnType<typeof findAdminMeeting>>;
}

function fieldsOf(input: MeetingInput) {
  return {
    title: input.title,
    stage: input.stage,
    region: input.region,
    date: input.date,
    venue: input.venue,
    summary: input.summary,
    audience: input.audience,
    contact: input.contact,
    programmeStatus: input.programmeStatus,
    published: input.published,
    programme: input.programme,
    registration: input.registration,
    anonymiseAfterMonths: input.anonymiseAfterMonths,
    overlapsConfirmed: input.overlapsConfirmed,
    'seats.capacity': input.capacity,
  };
}

/**
 * Sets capacities without touching the counters: a new workshop gets its counter first (taken 0,
 * only if absent), then every capacity is set.
 */
async function setCapacities(slug: string, capacities: Record<string, number | null>) {
  for (const code of Object.keys(capacities)) {
    await MeetingModel.collection.updateOne(
      { slug, [`seats.workshops.${code}`]: { $exists: false } },
      { $set: { [`seats.workshops.${code}`]: { capacity: null, taken: 0 } } },
    );
  }
  const set = Object.fromEntries(
    Object.entries(capacities).map(([code, cap]) => [`seats.workshops.${code}.capacity`, cap]),
  );
  if (Object.keys(set).length) await MeetingModel.collection.updateOne({ slug }, { $set: set });
}

export async function createMeeting(user: SessionUser, input: MeetingInput, ip?: string) {
  const scope = regionScope(user);
  if (scope && !scope.includes(input.region))
    throw new MeetingConflict('Choisissez une de vos régions', 'region');
  try {
    const { 'seats.capacity': capacity, ...rest } = fieldsOf(input);
    await MeetingModel.create({
      slug: input.slug,
      ...rest,
      seats: { capacity, taken: 0, workshops: {} },
    });
  } catch (error) {
    if ((error as { code?: number }).code === 11000) {
      throw new MeetingConflict('Une rencontre utilise déjà cette adresse de page', 'slug');
    }
    throw error;
  }
  await setCapacities(input.slug, input.workshopCapacities);
  await meetingsChanged();
  await record({
    actor: user,
    action: 'meeting.created',
    target: { type: 'meeting', id: input.slug, label: input.title },
    ip,
  });
}

export async function updateMeeting(
  user: SessionUser,
  slug: string,
  input: MeetingInput,
  ip?: string,
) {
  const meeting = await findAdminMeeting(user, slug);
  const scope = regionScope(user);
  if (scope && !scope.includes(input.region))
    throw new MeetingConflict('Choisissez une de vos régions', 'region');
  // A workshop that still has registrations keeps its code (registrations and selections use it).
  const kept = new Set(Object.keys(input.workshopCapacities));
  for (const w of workshopsOf(meeting)) {
    if (kept.has(w.code)) continue;
    const active = await RegistrationModel.countDocuments({
      meeting: slug,
      workshop: w.code,
      status: { $ne: 'annulee' },
    });
    if (active)
      throw new MeetingConflict(
        `L’atelier ${w.code} a ${active} inscription(s) : déplacez-les avant de le retirer`,
        'atelierCode-0',
      );
  }
  const { 'seats.capacity': capacity, ...rest } = fieldsOf(input);
  await MeetingModel.updateOne({ slug }, { $set: { ...rest, 'seats.capacity': capacity } });
  await setCapacities(slug, input.workshopCapacities);
  await meetingsChanged();
  await record({
    actor: user,
    action: 'meeting.updated',
    target: { type: 'meeting', id: slug, label: input.title },
    ip,
  });
}
