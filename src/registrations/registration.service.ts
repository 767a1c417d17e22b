import type { Types } from 'mongoose';
import type { Mailer } from '../lib/mail';
import { hashToken, newToken } from '../lib/secret-token';
import { MeetingModel } from '../meetings/meeting.model';
import { workshopsOf } from '../meetings/meeting.rules';
import { confirmationEmail, duplicateEmail, promotionEmail } from './registration.emails';
import { RegistrationModel, type Registration } from './registration.model';
import { moveSeat, releaseSeat, takeSeat } from './seats';

export interface RegistrationFields {
  email: string;
  lastName: string;
  firstName: string;
  phone?: string;
  structure: string;
  structureType: string;
  jobTitle: string;
  department: string;
  workshop: string;
  lunch: boolean;
  accessibility?: string;
  listConsent: boolean;
}

export interface RegistrationDeps {
  mailer: Mailer;
  baseUrl: string;
}

type Doc = Registration & { _id: Types.ObjectId };

export const personalPath = (slug: string, token: string) =>
  `/rencontres/${slug}/inscription/${token}`;

async function meetingOf(slug: string) {
  const meeting = await MeetingModel.findOne({ slug }).lean();
  if (!meeting) throw new Error(`meeting ${slug} vanished`);
  return meeting;
}

function summaryOf(meeting: Awaited<ReturnType<typeof meetingOf>>, r: Doc) {
  const workshop = workshopsOf(meeting).find((w) => w.code === r.workshop);
  return {
    email: r.email,
    firstName: r.firstName,
    lastName: r.lastName,
    workshopTitle: workshop ? `${workshop.code}) ${workshop.title}` : r.workshop,
    lunch: r.lunch,
    status: r.status,
  };
}

/** Confirms a waiting registration once its place is taken; gives the place back otherwise. */
async function confirmWithSeat(r: Pick<Doc, '_id' | 'meeting' | 'workshop'>): Promise<boolean> {
  if (!(await takeSeat(r.meeting, r.workshop))) return false;
  const done = await RegistrationModel.updateOne(
    { _id: r._id, status: 'attente', workshop: r.workshop },
    { $set: { status: 'confirmee', confirmedAt: new Date() }, $unset: { waitingSince: 1 } },
  );
  if (done.modifiedCount === 1) return true;
  await releaseSeat(r.meeting, r.workshop);
  return false;
}

/** A new personal link (the old one stops working): tokens are stored hashed only. */
async function rotateToken(id: Types.ObjectId): Promise<string> {
  const token = newToken();
  await RegistrationModel.updateOne({ _id: id }, { $set: { tokenHash: hashToken(token) } });
  return token;
}

export type RegisterOutcome =
  { kind: 'registered'; registration: Doc; token: string } | { kind: 'duplicate' };

/**
 * Registers a person: the registration is stored waiting (the unique index refuses a second one
 * for the same e-mail), then a place is taken atomically; if none is left, it stays waiting.
 */
export async function register(
  deps: RegistrationDeps,
  slug: string,
  fields: RegistrationFields,
  source: 'public' | 'moderation' = 'public',
): Promise<RegisterOutcome> {
  const token = newToken();
  const email = fields.email.toLowerCase();
  let created: Doc;
  try {
    created = (
      await RegistrationModel.create({
        ...fields,
        email,
        meeting: slug,
        status: 'attente',
        waitingSince: new Date(),
        tokenHash: hashToken(token),
        source,
      })
    ).toObject() as Doc;
  } catch (error) {
    if ((error as { code?: number }).code !== 11000) throw error;
    // A cancelled registration may be taken up again; any other one is a duplicate.
    const reopened = (await RegistrationModel.findOneAndUpdate(
      { meeting: slug, email, status: 'annulee', anonymisedAt: { $exists: false } },
      {
        $set: {
          ...fields,
          email,
          status: 'attente',
          waitingSince: new Date(),
          tokenHash: hashToken(token),
          present: false,
          source,
        },
        $unset: { cancelledAt: 1, confirmedAt: 1, checkedInAt: 1 },
      },
      { returnDocument: 'after' },
    ).lean()) as Doc | null;
    if (!reopened) {
      await resendLink(deps, slug, email);
      return { kind: 'duplicate' };
    }
    created = reopened;
  }
  await confirmWithSeat(created);
  const registration = (await RegistrationModel.findById(created._id).lean()) as Doc;
  const meeting = await meetingOf(slug);
  await deps.mailer.send(
    confirmationEmail(
      meeting,
      summaryOf(meeting, registration),
      deps.baseUrl + personalPath(slug, token),
      deps.baseUrl,
    ),
  );
  return { kind: 'registered', registration, token };
}

/** Same e-mail again: a new personal link is sent to that address, nothing else changes. */
async function resendLink(deps: RegistrationDeps, slug: string, email: string): Promise<void> {
  const existing = await RegistrationModel.findOne({ meeting: slug, email }, { _id: 1 }).lean();
  if (!existing) return;
  const token = await rotateToken(existing._id);
  const meeting = await meetingOf(slug);
  await deps.mailer.send(duplicateEmail(meeting, email, deps.baseUrl + personalPath(slug, token)));
}

/** The registration a personal link opens (by the token's hash and the meeting). */
export async function findByToken(slug: string, token: string): Promise<Doc | null> {
  if (!/^[A-Za-z0-9_-]{43}$/.test(token)) return null;
  return (await RegistrationModel.findOne({
    meeting: slug,
    tokenHash: hashToken(token),
    anonymisedAt: { $exists: false },
  }).lean()) as Doc | null;
}

/**
 * Promotes the first waiting person (of that workshop first, then of any workshop) when a
 * place is free; they get an e-mail with a new personal link.
 */
export async function promoteWaiting(deps: RegistrationDeps, slug: string, workshop: string) {
  for (const filter of [{ workshop }, {}]) {
    for (let guard = 0; guard < 20; guard += 1) {
      const first = (await RegistrationModel.findOne({
        meeting: slug,
        status: 'attente',
        ...filter,
      })
        .sort({ waitingSince: 1, _id: 1 })
        .lean()) as Doc | null;
      if (!first) break;
      if (await confirmWithSeat(first)) {
        const meeting = await meetingOf(slug);
        const token = await rotateToken(first._id);
        await deps.mailer.send(
          promotionEmail(
            meeting,
            summaryOf(meeting, first),
            deps.baseUrl + personalPath(slug, token),
            deps.baseUrl,
          ),
        );
        return;
      }
      // No place (someone else took it) or the person cancelled meanwhile: stop or retry.
      const still = await RegistrationModel.exists({ _id: first._id, status: 'attente' });
      if (still) return;
    }
  }
}

/** Cancels; a confirmed place is given back and the first waiting person promoted. */
export async function cancelRegistration(deps: RegistrationDeps, id: Types.ObjectId) {
  const before = (await RegistrationModel.findOneAndUpdate(
    { _id: id, status: { $in: ['confirmee', 'attente'] } },
    { $set: { status: 'annulee', cancelledAt: new Date() }, $unset: { waitingSince: 1 } },
  ).lean()) as Doc | null;
  if (!before) return false;
  if (before.status === 'confirmee') {
    await releaseSeat(before.meeting, before.workshop);
    await promoteWaiting(deps, before.meeting, before.workshop);
  }
  return true;
}

export type ChangeOutcome = 'moved' | 'waiting' | 'full' | 'unchanged';

/**
 * Changes the workshop. A confirmed person keeps their place only if the new workshop has one
 * (the place is moved atomically, then the old workshop's waitlist moves up); a waiting person
 * joins the new workshop's waitlist, or gets its free place.
 */
export async function changeWorkshop(
  deps: RegistrationDeps,
  r: Doc,
  to: string,
): Promise<ChangeOutcome> {
  if (r.workshop === to || r.status === 'annulee') return 'unchanged';
  if (r.status === 'confirmee') {
    if (!(await moveSeat(r.meeting, r.workshop, to))) return 'full';
    const done = await RegistrationModel.updateOne(
      { _id: r._id, status: 'confirmee', workshop: r.workshop },
      { $set: { workshop: to } },
    );
    if (done.modifiedCount !== 1) {
      await moveSeat(r.meeting, to, r.workshop);
      return 'unchanged';
    }
    await promoteWaiting(deps, r.meeting, r.workshop);
    return 'moved';
  }
  const done = await RegistrationModel.updateOne(
    { _id: r._id, status: 'attente', workshop: r.workshop },
    { $set: { workshop: to, waitingSince: new Date() } },
  );
  if (done.modifiedCount !== 1) return 'unchanged';
  return (await confirmWithSeat({ ...r, workshop: to })) ? 'moved' : 'waiting';
}
