import type { SessionUser } from '../../../accounts';
import { record, type AuditAction, type AuditEntry } from '../../../audit';
import {
  meetingOf,
  summaryOf,
  type RegistrationDeps,
  type RegistrationDoc,
} from '../registration.links';
import { cancelledByTeamEmail } from '../registration.emails';
import { register, type RegistrationFields } from '../registration.service';
import { cancelRegistration, changeWorkshop, type ChangeOutcome } from '../waitlist';

/** What a moderator did to one registration, in the journal. */
function journal(
  actor: SessionUser,
  action: AuditAction,
  r: Pick<RegistrationDoc, '_id' | 'firstName' | 'lastName'>,
  details: AuditEntry['details'],
  ip?: string,
) {
  return record({
    actor,
    action,
    target: { type: 'registration', id: String(r._id), label: `${r.firstName} ${r.lastName}` },
    details,
    ip,
  });
}

/** A registration made by a moderator: the same rules as the public form, then the journal. */
export async function addAttendee(
  deps: RegistrationDeps,
  actor: SessionUser,
  slug: string,
  fields: RegistrationFields,
  ip?: string,
) {
  const outcome = await register(deps, slug, fields, 'moderation');
  if (outcome.kind !== 'duplicate') {
    const r = outcome.registration;
    await journal(
      actor,
      'registration.added',
      r,
      { meeting: slug, workshop: r.workshop, status: r.status },
      ip,
    );
  }
  return outcome;
}

/** Moves a person to another workshop (journalled when something changed). */
export async function moveAttendee(
  deps: RegistrationDeps,
  actor: SessionUser,
  r: RegistrationDoc,
  to: string,
  ip?: string,
): Promise<ChangeOutcome> {
  const outcome = await changeWorkshop(deps, r, to);
  if (outcome === 'moved' || outcome === 'waiting') {
    await journal(actor, 'registration.moved', r, { meeting: r.meeting, from: r.workshop, to }, ip);
  }
  return outcome;
}

/** Cancels a registration for its holder (the waitlist moves up), who is told by e-mail. */
export async function cancelAttendee(
  deps: RegistrationDeps,
  actor: SessionUser,
  r: RegistrationDoc,
  ip?: string,
) {
  if (await cancelRegistration(deps, r._id)) {
    await journal(actor, 'registration.cancelled', r, { meeting: r.meeting }, ip);
    const meeting = await meetingOf(r.meeting);
    await deps.mailer.send(cancelledByTeamEmail(meeting, summaryOf(meeting, r)));
  }
}

/** The filtered list an export writes, the export itself journalled. */
export async function recordExport(
  actor: SessionUser,
  meeting: { slug: string; title: string },
  format: string,
  rows: number,
  ip?: string,
) {
  await record({
    actor,
    action: 'registrations.exported',
    target: { type: 'meeting', id: meeting.slug, label: meeting.title },
    details: { format, rows },
    ip,
  });
}
