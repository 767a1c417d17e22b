import type { Types } from 'mongoose';
import type { Mailer, MailMessage } from '../../lib/mail';
import { hashToken, newToken } from '../../lib/secret-token';
import { allMeetings } from '../meeting.version';
import { workshopsOf } from '../meeting.rules';
import { RegistrationModel, type Registration } from './registration.model';

/** What registrations need to write to people: the mailer and the site's address. */
export interface RegistrationDeps {
  mailer: Mailer;
  baseUrl: string;
}

export type RegistrationDoc = Registration & { _id: Types.ObjectId };

/** The personal link of a registration: its token is a secret (shown once, stored hashed). */
export const registrationLinkRoute = '/rencontres/:slug/inscription/:token';

/** The personal link of a registration (its token is shown once, stored hashed). */
export const personalPath = (slug: string, token: string) =>
  `/rencontres/${slug}/inscription/${token}`;

/** The meeting a registration belongs to, for its e-mails (from this process's copy). */
export async function meetingOf(slug: string) {
  const meeting = (await allMeetings()).get(slug);
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

type LinkEmail = (
  meeting: Awaited<ReturnType<typeof meetingOf>>,
  summary: ReturnType<typeof summaryOf>,
  link: string,
  baseUrl: string,
) => MailMessage;

/** Sends one of the e-mails that carry a registration's personal link (confirmation, promotion). */
export async function sendWithLink(
  deps: RegistrationDeps,
  registration: RegistrationDoc,
  token: string,
  email: LinkEmail,
): Promise<void> {
  const meeting = await meetingOf(registration.meeting);
  const link = deps.baseUrl + personalPath(registration.meeting, token);
  await deps.mailer.send(email(meeting, summaryOf(meeting, registration), link, deps.baseUrl));
}
