import { Types } from 'mongoose';
import { record } from '../../audit';
import { MeetingModel } from '../meeting.model';
import { meetingsChanged } from '../meeting.version';
import { hashToken, newToken } from '../../lib/secret-token';
import { registrationsOf } from './registration-index';
import { RegistrationModel } from './registration.model';
import { eraseNeed } from './accessibility-needs';

/** The meeting's day plus N months (same day of the month, clamped by Date). */
export function anonymiseDate(meetingDate: Date, months: number): Date {
  const d = new Date(meetingDate);
  d.setUTCMonth(d.getUTCMonth() + months);
  return d;
}

/**
 * Removes the person from one registration: names, e-mail, phone, structure, function and
 * accessibility needs; workshop, status, presence, lunch, structure type and département stay for the
 * statistics and the seat counts. Conditional (`anonymisedAt` absent): done once, whoever asks.
 * `keepLink`: the personal link still opens it, to say that it was erased.
 */
export async function anonymiseRegistration(
  _id: Types.ObjectId,
  now: Date,
  { keepLink = false } = {},
): Promise<number> {
  const result = await RegistrationModel.updateOne(
    { _id, anonymisedAt: { $exists: false } },
    {
      $set: {
        lastName: 'Anonyme',
        firstName: '–',
        email: `anonyme-${String(_id)}@anonyme.invalid`,
        structure: '–',
        jobTitle: '–',
        ...(!keepLink && { tokenHash: hashToken(newToken()) }),
        anonymisedAt: now,
      },
      $unset: { phone: 1 },
    },
  );
  await eraseNeed(_id);
  return result.modifiedCount;
}

/**
 * Anonymises the registrations of every meeting whose delay (meeting.anonymiseAfterMonths) has
 * passed: names, e-mail, phone, structure, function and free text are removed; workshop, status,
 * presence, lunch, structure type and département stay for the statistics. Each registration is
 * one conditional update (`anonymisedAt` absent), so two runs at once do the work once.
 * Run by the daily retention job (`npm run retention`).
 */
export async function anonymiseDueRegistrations(
  now = new Date(),
  dryRun = false,
): Promise<Record<string, number>> {
  const meetings = await MeetingModel.find(
    { anonymisedAt: { $exists: false } },
    { slug: 1, date: 1, anonymiseAfterMonths: 1 },
  ).lean();
  const done: Record<string, number> = {};
  for (const m of meetings) {
    if (anonymiseDate(m.date, m.anonymiseAfterMonths ?? 6) > now) continue;
    if (dryRun) {
      done[m.slug] = (await registrationsOf(m.slug)).filter((r) => !r.anonymisedAt).length;
      continue;
    }
    // From the registration index: a read by meeting would decode every registration.
    const ids = (await registrationsOf(m.slug))
      .filter((r) => !r.anonymisedAt)
      .map((r) => new Types.ObjectId(r._id));
    let count = 0;
    for (const _id of ids) count += await anonymiseRegistration(_id, now);
    await MeetingModel.updateOne({ _id: m._id }, { $set: { anonymisedAt: now } });
    await meetingsChanged();
    await record({
      actor: null,
      action: 'registrations.anonymised',
      target: { type: 'meeting', id: m.slug },
      details: { count },
    });
    done[m.slug] = count;
  }
  return done;
}
