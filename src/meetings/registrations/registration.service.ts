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
import { findRegistration } from './registration-index';
import { RegistrationModel } from './registration.model';
import { saveNeed } from './accessibility-needs';
import { confirmWithSeat } from './waitlist';

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
  const { accessibility, ...kept } = fields;
  const email = fields.email.toLowerCase();
  let created: Doc;
  try {
    created = (
      await RegistrationModel.create({
        ...kept,
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
    const same = await findRegistration(slug, (r) => r.email === email);
    const reopened = (await RegistrationModel.findOneAndUpdate(
      {
        _id: same?._id ?? null,
        meeting: slug,
        email,
        status: 'annulee',
        anonymisedAt: { $exists: false },
      },
      {
        $set: {
          ...kept,
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
  await saveNeed(created._id as Types.ObjectId, slug, accessibility);
  await confirmWithSeat(created);
  const registration = (await RegistrationModel.findById(created._id).lean()) as Doc;
  await sendWithLink(deps, registration, token, confirmationEmail);
  return { kind: 'registered', registration, token };
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
