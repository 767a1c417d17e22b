import { followedIndex } from '../../lib/followed-collection';
import { RegistrationModel, type Registration } from './registration.model';
import { registrationWrites } from './registration-writes';

/** What the back office lists and counts of a registration, and how its personal link finds it. */
export type RegistrationEntry = Pick<
  Registration,
  | 'meeting'
  | 'lastName'
  | 'firstName'
  | 'email'
  | 'phone'
  | 'structure'
  | 'structureType'
  | 'jobTitle'
  | 'department'
  | 'workshop'
  | 'lunch'
  | 'listConsent'
  | 'status'
  | 'waitingSince'
  | 'present'
  | 'checkedInAt'
  | 'createdAt'
  | 'source'
  | 'anonymisedAt'
  | 'tokenHash'
> & { _id: string };

const fields =
  'meeting lastName firstName email phone structure structureType jobTitle department workshop lunch listConsent status waitingSince present checkedInAt createdAt source anonymisedAt tokenHash';

const entryOf = (doc: Record<string, unknown>) =>
  ({ ...doc, _id: String(doc._id) }) as RegistrationEntry;

/**
 * Every registration's entry by id, held in memory by each process (lib/followed-collection.ts):
 * attendee lists, counts, check-in and personal links never read registrations by their meeting
 * or token, which the embedded database answers by reading all of them.
 */
export const registrationIndex = followedIndex<RegistrationEntry>(
  registrationWrites,
  RegistrationModel,
  fields,
  entryOf,
);

/** The registrations of one meeting. */
export async function registrationsOf(slug: string): Promise<RegistrationEntry[]> {
  return [...(await registrationIndex()).values()].filter((r) => r.meeting === slug);
}

/** The first of `slug`'s registrations held that `match` accepts, without copying them all. */
export async function heldRegistration(
  slug: string,
  match: (r: RegistrationEntry) => boolean,
): Promise<RegistrationEntry | undefined> {
  for (const r of (await registrationIndex()).values()) {
    if (r.meeting === slug && match(r)) return r;
  }
  return undefined;
}

/**
 * The same; when none is held, the index is brought up to date first (made by another process
 * less than 2 s ago?). A miss costs one read of the version, never a read of every registration.
 */
export async function findRegistration(
  slug: string,
  match: (r: RegistrationEntry) => boolean,
): Promise<RegistrationEntry | undefined> {
  const entry = await heldRegistration(slug, match);
  if (entry) return entry;
  await registrationWrites.version.latest();
  return heldRegistration(slug, match);
}
