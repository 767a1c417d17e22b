import { record, type AuditActor } from '../audit';
import { hashToken, newToken } from '../lib/secret-token';
import { hashPassword } from './password';
import { UserModel, type PasswordLinkPurpose } from './user.model';
import type { RequestContext } from './login.service';

/** Validity of the one-time links: an invitation waits 72 h, a forgotten password 1 h. */
export const linkHours: Record<PasswordLinkPurpose, number> = { invitation: 72, reset: 1 };
/** A new « mot de passe oublié » link replaces the previous one at most this often. */
const resetEveryMinutes = 5;

/** The one-time link of an invitation or a reset: its token is a secret (kept out of logs). */
export const passwordLinkRoute = '/mot-de-passe/nouveau/:token';

export function passwordLinkPath(token: string): string {
  return `/mot-de-passe/nouveau/${token}`;
}

function newLink(purpose: PasswordLinkPurpose, now = new Date()) {
  const token = newToken();
  return {
    token,
    link: {
      hash: hashToken(token),
      purpose,
      createdAt: now,
      expiresAt: new Date(now.getTime() + linkHours[purpose] * 3_600_000),
    },
  };
}

/**
 * Gives an account without a password a new invitation link (the previous one stops working).
 * Returns its token, or null when the account already has a password.
 */
export async function issueInvitationLink(userId: string): Promise<string | null> {
  const { token, link } = newLink('invitation');
  const result = await UserModel.updateOne(
    { _id: userId, passwordHash: null },
    { $set: { passwordLink: link } },
  );
  return result.matchedCount === 1 ? token : null;
}

/**
 * « Mot de passe oublié »: a reset link for an active account, unless one was made in the last
 * few minutes (a conditional update, so a burst of requests sends one e-mail). The caller answers
 * the same way whatever happens here. Returns the recipient and token when a link was made.
 */
export async function requestPasswordReset(
  email: string,
  ctx: RequestContext,
): Promise<{ email: string; token: string } | null> {
  const now = new Date();
  const { token, link } = newLink('reset', now);
  const user = await UserModel.findOneAndUpdate(
    {
      email: email.trim().toLowerCase(),
      active: true,
      $or: [
        { passwordLink: null },
        { 'passwordLink.createdAt': { $lt: new Date(now.getTime() - resetEveryMinutes * 60_000) } },
      ],
    },
    { $set: { passwordLink: link } },
  ).lean();
  if (!user) return null;
  await record({
    actor: { id: String(user._id), email: user.email, name: user.name },
    action: 'password.reset-requested',
    ip: ctx.ip,
  });
  return { email: user.email, token };
}

/** The account a link belongs to, while it is valid (unused, not expired, account active). */
export async function findPasswordLink(token: string) {
  const user = await UserModel.findOne(
    {
      'passwordLink.hash': hashToken(token),
      'passwordLink.expiresAt': { $gt: new Date() },
      active: true,
    },
    { email: 1, name: 1, passwordLink: 1 },
  ).lean();
  return user && { email: user.email, name: user.name, purpose: user.passwordLink!.purpose };
}

/**
 * Sets the password through a link. The link is consumed by the same conditional update that
 * stores the password: of two uses at once, one wins; the other gets null. Older sessions end
 * (new account version) and the lockout is lifted.
 */
export async function setPasswordWithLink(
  token: string,
  password: string,
  ctx: RequestContext,
): Promise<AuditActor | null> {
  const passwordHash = await hashPassword(password);
  const user = await UserModel.findOneAndUpdate(
    {
      'passwordLink.hash': hashToken(token),
      'passwordLink.expiresAt': { $gt: new Date() },
      active: true,
    },
    {
      $set: { passwordHash, passwordLink: null, 'login.failures': 0, 'login.lockedUntil': null },
      $inc: { authVersion: 1 },
    },
  ).lean();
  if (!user) return null;
  const actor = { id: String(user._id), email: user.email, name: user.name };
  await record({
    actor,
    action: 'password.set',
    details: { purpose: user.passwordLink?.purpose ?? null },
    ip: ctx.ip,
  });
  return actor;
}
