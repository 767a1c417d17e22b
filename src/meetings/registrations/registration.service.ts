import { Types } from 'mongoose';
import { hashToken, newToken } from '../../lib/secret-token';
import { confirmationEmail, duplicateEmail } from './registration.emails';
import {
  meetingOf,
  personalPath,
  rotateToken,
  sendWithLink,
  type RegistrationDeps,
  type RegistrationDoc as Doc,
} from './registration.links';
import { findRegistration, heldRegistration } from './registration-index';
import { RegistrationModel } from './registration.model';
import { saveNeed } from './accessibility-needs';
import { confirmWithSeat, promoteWaiting } from './waitlist';
import { releaseSeat, takeSeat } from './seats';

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

export type RegisterOutcome =
  { kind: 'registered'; registration: Doc; token: string } | { kind: 'duplicate' };

type Stored = Omit<RegistrationFields, 'accessibility'> & {
  tokenHash: string;
  source: 'public' | 'moderation';
};

/**
 * Registers a person: a place is taken atomically first, then the registration is stored
 * confirmed, or waiting when no place was left — one write of the registration. The unique index
 * refuses a second one for the same e-mail (the place is then given back); a cancelled one is
 * taken up again.
 */
export async function register(
  deps: RegistrationDeps,
  slug: string,
  fields: RegistrationFields,
  source: 'public' | 'moderation' = 'public',
): Promise<RegisterOutcome> {
  const token = newToken();
  const { accessibility, ...kept } = fields;
  const email = fields.email.toLowerCase();
  const stored: Stored = { ...kept, email, tokenHash: hashToken(token), source };
  const registration =
    (await registerNew(deps, slug, stored, accessibility)) ??
    (await reopenCancelled(slug, stored, accessibility));
  if (!registration) {
    await resendLink(deps, slug, email);
    return { kind: 'duplicate' };
  }
  await sendWithLink(deps, registration, token, confirmationEmail);
  return { kind: 'registered', registration, token };
}

/**
 * A new registration, with its place when one is left; undefined when the e-mail is already
 * registered (seen in the index held, or refused by the unique index).
 */
async function registerNew(
  deps: RegistrationDeps,
  slug: string,
  stored: Stored,
  accessibility?: string,
): Promise<Doc | undefined> {
  if (await heldRegistration(slug, (r) => r.email === stored.email)) return undefined;
  const seated = await takeSeat(slug, stored.workshop);
  const now = new Date();
  let created;
  try {
    created = await RegistrationModel.create({
      ...stored,
      meeting: slug,
      ...(seated
        ? { status: 'confirmee', confirmedAt: now }
        : { status: 'attente', waitingSince: now }),
    });
  } catch (error) {
    if (seated) {
      // Held for a moment: someone refused meanwhile may be waiting for it.
      await releaseSeat(slug, stored.workshop);
      await promoteWaiting(deps, slug, stored.workshop);
    }
    if ((error as { code?: number }).code !== 11000) throw error;
    return undefined;
  }
  // A new registration has no need stored yet: only one typed is written.
  if (accessibility) await saveNeed(created._id, slug, accessibility);
  return created.toObject() as Doc;
}

/** The cancelled registration of that e-mail, waiting again then confirmed when a place is left. */
async function reopenCancelled(
  slug: string,
  stored: Stored,
  accessibility?: string,
): Promise<Doc | undefined> {
  const same = await findRegistration(slug, (r) => r.email === stored.email);
  const reopened = await RegistrationModel.findOneAndUpdate(
    {
      _id: same?._id ?? null,
      meeting: slug,
      email: stored.email,
      status: 'annulee',
      anonymisedAt: { $exists: false },
    },
    {
      $set: { ...stored, status: 'attente', waitingSince: new Date(), present: false },
      $unset: { cancelledAt: 1, confirmedAt: 1, checkedInAt: 1 },
    },
    { returnDocument: 'after' },
  ).lean();
  if (!reopened) return undefined;
  await saveNeed(reopened._id as Types.ObjectId, slug, accessibility);
  await confirmWithSeat(reopened as Doc);
  return (await RegistrationModel.findById(reopened._id).lean()) as Doc;
}

/** Same e-mail again: a new personal link is sent to that address, nothing else changes. */
async function resendLink(deps: RegistrationDeps, slug: string, email: string): Promise<void> {
  const existing = await findRegistration(slug, (r) => r.email === email);
  if (!existing) return;
  const token = await rotateToken(new Types.ObjectId(existing._id));
  const meeting = await meetingOf(slug);
  await deps.mailer.send(duplicateEmail(meeting, email, deps.baseUrl + personalPath(slug, token)));
}

/** The registration a personal link opens (by the token's hash and the meeting). */
export async function findByToken(slug: string, token: string): Promise<Doc | null> {
  if (!/^[A-Za-z0-9_-]{43}$/.test(token)) return null;
  const tokenHash = hashToken(token);
  const entry = await findRegistration(slug, (r) => r.tokenHash === tokenHash);
  if (!entry) return null;
  // An anonymised registration keeps its link only when its person erased it (to say so).
  const found = (await RegistrationModel.findOne({ _id: entry._id }).lean()) as Doc | null;
  return found?.tokenHash === tokenHash ? found : null;
}
