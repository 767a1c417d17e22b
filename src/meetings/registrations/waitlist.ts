import type { Types } from 'mongoose';
import { promotionEmail } from './registration.emails';
import {
  rotateToken,
  sendWithLink,
  type RegistrationDeps,
  type RegistrationDoc as Doc,
} from './registration.links';
import { registrationsOf } from './registration-index';
import { RegistrationModel } from './registration.model';
import { registrationWrites } from './registration-writes';
import { moveSeat, releaseSeat, takeSeat } from './seats';

/** Confirms a waiting registration once its place is taken; gives the place back otherwise. */
export async function confirmWithSeat(
  r: Pick<Doc, '_id' | 'meeting' | 'workshop'>,
): Promise<boolean> {
  if (!(await takeSeat(r.meeting, r.workshop))) return false;
  const done = await RegistrationModel.updateOne(
    { _id: r._id, status: 'attente', workshop: r.workshop },
    { $set: { status: 'confirmee', confirmedAt: new Date() }, $unset: { waitingSince: 1 } },
  );
  if (done.modifiedCount === 1) return true;
  await releaseSeat(r.meeting, r.workshop);
  return false;
}

/**
 * Promotes the first waiting person (of that workshop first, then of any workshop) when a
 * place is free; they get an e-mail with a new personal link.
 */
export async function promoteWaiting(deps: RegistrationDeps, slug: string, workshop: string) {
  for (const inWorkshop of [true, false]) {
    for (let guard = 0; guard < 20; guard += 1) {
      const next = await firstWaiting(slug, inWorkshop ? workshop : undefined);
      const first = next && ((await RegistrationModel.findOne({ _id: next }).lean()) as Doc | null);
      if (!first) break;
      if (await confirmWithSeat(first)) {
        await sendWithLink(deps, first, await rotateToken(first._id), promotionEmail);
        return;
      }
      // No place (someone else took it) or the person cancelled meanwhile: stop or retry.
      const still = await RegistrationModel.exists({ _id: first._id, status: 'attente' });
      if (still) return;
    }
  }
}

/**
 * The id of the first person waiting (of that workshop, or of any), from the registration index;
 * when it holds none, the index is brought up to date first (someone may have joined the
 * waitlist through another process a moment ago).
 */
async function firstWaiting(slug: string, workshop?: string): Promise<string | undefined> {
  const first = async () =>
    (await registrationsOf(slug))
      .filter((r) => r.status === 'attente' && (!workshop || r.workshop === workshop))
      .sort(
        (a, b) =>
          (a.waitingSince?.getTime() ?? 0) - (b.waitingSince?.getTime() ?? 0) ||
          a._id.localeCompare(b._id),
      )[0]?._id;
  const held = await first();
  if (held) return held;
  await registrationWrites.version.latest();
  return first();
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
