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
import { registrationsOf } from './registration-index';
import { registrationWrites } from './registration-writes';
import { RegistrationModel } from './registration.model';
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
  await sendWithLink(deps, registration, token, confirmationEmail);
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
  const tokenHash = hashToken(token);
  const held = async () => (await registrationsOf(slug)).find((r) => r.tokenHash === tokenHash);
  let entry = await held();
  if (!entry) {
    // Made by another process less than 2 s ago? Then the version moved: the index reloads. A
    // made-up token costs one read of the version, never a read of every registration.
    await registrationWrites.version.latest();
    entry = await held();
  }
  if (!entry || entry.anonymisedAt) return null;
  const found = (await RegistrationModel.findOne({ _id: entry._id }).lean()) as Doc | null;
  return found?.tokenHash === tokenHash && !found.anonymisedAt ? found : null;
}
