import type { Types } from 'mongoose';
import type { Mailer } from '../lib/mail';
import { hashToken, newToken } from '../lib/secret-token';
import { MeetingModel } from '../meetings/meeting.model';
import { workshopsOf } from '../meetings/meeting.rules';
import { RegistrationModel, type Registration } from './registration.model';

/** What registrations need to write to people: the mailer and the site's address. */
export interface RegistrationDeps {
  mailer: Mailer;
  baseUrl: string;
}

export type RegistrationDoc = Registration & { _id: Types.ObjectId };

/** The personal link of a registration (its token is shown once, stored hashed). */
export const personalPath = (slug: string, token: string) =>
  `/rencontres/${slug}/inscription/${token}`;

/** The meeting a registration belongs to, read for its e-mails. */
export async function meetingOf(slug: string) {
  const meeting = await MeetingModel.findOne({ slug }).lean();
  if (!meeting) throw new Error(`meeting ${slug} vanished`);
  return meeting;
}

/** What the e-mails say about a registration. */
export function summaryOf(meeting: Awaited<ReturnType<typeof meetingOf>>, r: RegistrationDoc) {
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

/** A new personal link (the old one stops working): tokens are stored hashed only. */
export async function rotateToken(id: Types.ObjectId): Promise<string> {
  const token = newToken();
  await RegistrationModel.updateOne({ _id: id }, { $set: { tokenHash: hashToken(token) } });
  return token;
}
