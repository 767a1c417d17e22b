import { record } from '../audit';
import { hashPassword, verifyPassword } from './password';
import { sessionAccounts } from './session-accounts';
import { UserModel, type User } from './user.model';
import type { SessionUser } from './auth.types';

/** After this many failed attempts (password or code), the account is locked for a while. */
export const maxLoginFailures = 5;
export const lockoutMinutes = 15;

/** A user as passport logs it in: the session keeps the id and the account version. */
export type LoginUser = SessionUser & { authVersion: number };

export interface RequestContext {
  ip?: string;
}

const sessionFields = {
  email: 1,
  name: 1,
  role: 1,
  regions: 1,
  totpEnabled: 1,
  authVersion: 1,
} as const;

export function toSessionUser(user: Pick<User, '_id' | keyof typeof sessionFields>): LoginUser {
  return {
    id: String(user._id),
    email: user.email,
    name: user.name,
    role: user.role,
    regions: [...user.regions],
    totpEnabled: user.totpEnabled,
    authVersion: user.authVersion,
  };
}

/** Admins always need a second factor; moderators once they have enrolled one. */
export function needsSecondFactor(user: Pick<SessionUser, 'role' | 'totpEnabled'>): boolean {
  return user.role === 'admin' || user.totpEnabled;
}

// Unknown e-mails and locked accounts still pay for one argon2 verification: the answer time
// does not tell them apart from a wrong password.
let dummyHash: Promise<string> | undefined;
const timingDecoy = (password: string) =>
  (dummyHash ??= hashPassword('mot-de-passe-factice-pour-le-temps-de-reponse')).then((hash) =>
    verifyPassword(hash, password),
  );

const isLocked = (user: Pick<User, 'login'>, now: Date) =>
  Boolean(user.login?.lockedUntil && user.login.lockedUntil > now);

/**
 * Checks an e-mail and password. Unknown e-mail, wrong password, disabled account, account
 * without a password yet and locked account all answer `null` (one message for all of them);
 * the attempt is logged and counted towards the lockout.
 */
export async function checkPassword(
  email: string,
  password: string,
  ctx: RequestContext,
): Promise<LoginUser | null> {
  const now = new Date();
  const user = await UserModel.findOne(
    { email: email.trim().toLowerCase() },
    { ...sessionFields, active: 1, passwordHash: 1, login: 1 },
  ).lean();
  // What was typed is never journaled (a password typed in the e-mail field would be kept):
  // an attempt names the account it reached, or none.
  if (!user?.passwordHash || !user.active) {
    await timingDecoy(password);
    await record({
      actor: user && toSessionUser(user),
      action: 'login.failure',
      details: { reason: user ? 'account-unavailable' : 'unknown' },
      ip: ctx.ip,
    });
    return null;
  }
  if (isLocked(user, now)) {
    await timingDecoy(password);
    await record({
      actor: toSessionUser(user),
      action: 'login.failure',
      details: { reason: 'locked' },
      ip: ctx.ip,
    });
    return null;
  }
  if (!(await verifyPassword(user.passwordHash, password))) {
    await registerFailure(String(user._id), 'password', ctx);
    return null;
  }
  return toSessionUser(user);
}

/**
 * Counts a failed password or code. The counter is incremented atomically; the request that
 * sees it reach the limit locks the account with a conditional update, so concurrent failures
 * lock it exactly once.
 */
export async function registerFailure(
  userId: string,
  reason: 'password' | 'code',
  ctx: RequestContext,
): Promise<void> {
  const user = await UserModel.findOneAndUpdate(
    { _id: userId },
    { $inc: { 'login.failures': 1 } },
    { returnDocument: 'after' },
  ).lean();
  if (!user) return;
  const actor = toSessionUser(user);
  await record({ actor, action: 'login.failure', details: { reason }, ip: ctx.ip });
  if ((user.login?.failures ?? 0) < maxLoginFailures) return;
  const lockedUntil = new Date(Date.now() + lockoutMinutes * 60_000);
  const locked = await UserModel.updateOne(
    { _id: userId, 'login.failures': { $gte: maxLoginFailures } },
    { $set: { 'login.failures': 0, 'login.lockedUntil': lockedUntil } },
  );
  if (locked.modifiedCount === 1) {
    await record({
      actor,
      action: 'login.locked',
      details: { minutes: lockoutMinutes },
      ip: ctx.ip,
    });
  }
}

/** Is the account locked right now (checked before a second-factor code is even looked at)? */
export async function isAccountLocked(userId: string): Promise<boolean> {
  const user = await UserModel.findById(userId, { login: 1 }).lean();
  return !user || isLocked(user, new Date());
}

/**
 * The last step of a login (after the second factor when there is one): clears the failure
 * counter unless the account was locked meanwhile, and logs the success. Null when it may not
 * log in any more (locked or disabled since the password was checked).
 */
export async function finishLogin(
  userId: string,
  method: 'password' | 'totp' | 'recovery-code' | 'enrolment',
  ctx: RequestContext,
): Promise<LoginUser | null> {
  const now = new Date();
  const user = await UserModel.findOneAndUpdate(
    {
      _id: userId,
      active: true,
      $or: [{ 'login.lockedUntil': null }, { 'login.lockedUntil': { $lte: now } }],
    },
    { $set: { 'login.failures': 0, 'login.lockedUntil': null, 'login.lastAt': now } },
    { returnDocument: 'after' },
  ).lean();
  if (!user) return null;
  const loginUser = toSessionUser(user);
  await record({ actor: loginUser, action: 'login.success', details: { method }, ip: ctx.ip });
  return loginUser;
}

/** What the session needs of an account, held per process until the account is written. */
const sessionAccount = sessionAccounts((id) =>
  UserModel.findById(id, { ...sessionFields, active: 1 })
    .lean()
    .exec(),
);

/** The account as the session sees it, or null when it may not be used any more. */
export async function findSessionUser(id: string, version: number): Promise<SessionUser | null> {
  const user = await sessionAccount(id);
  if (!user || !user.active || user.authVersion !== version) return null;
  return toSessionUser(user);
}

/** An active account as the login steps need it, or null. */
export async function findActiveUser(id: string): Promise<LoginUser | null> {
  const user = await UserModel.findOne(
    { _id: id, active: true },
    { email: 1, name: 1, role: 1, regions: 1, totpEnabled: 1, authVersion: 1 },
  ).lean();
  return user && toSessionUser(user);
}

/** The journal's record of a logout. */
export async function recordLogout(user: SessionUser, ip?: string): Promise<void> {
  await record({ actor: user, action: 'logout', ip });
}
