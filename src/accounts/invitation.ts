import { record, type AuditActor } from '../audit';
import { ConflictError } from '../lib/errors';
import { invitationEmail } from './auth.emails';
import type { AuthDeps } from './password-link.controller';
import { issueInvitationLink, linkHours, passwordLinkPath } from './password-link.service';

/**
 * Sends the invitation e-mail of an account that has no password yet, with a new one-time link
 * (72 h; an older link stops working). Logged as `user.invited`.
 */
export async function sendInvitation(
  { config, mailer }: AuthDeps,
  admin: AuditActor,
  user: { id: string; email: string },
  ip: string | undefined,
  resent = false,
): Promise<void> {
  const token = await issueInvitationLink(user.id);
  if (!token) throw new ConflictError('Ce compte a déjà un mot de passe.');
  const link = `${config.baseUrl}${passwordLinkPath(token)}`;
  await mailer.send(
    invitationEmail(user.email, admin.name || admin.email, link, linkHours.invitation),
  );
  if (resent) {
    await record({
      actor: admin,
      action: 'user.invited',
      target: { type: 'user', id: user.id, label: user.email },
      details: { resent: true },
      ip,
    });
  }
}
