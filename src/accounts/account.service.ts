import { record, type AuditActor } from '../audit';
import { hashPassword, verifyPassword } from './password';
import { UserModel } from './user.model';
import { toSessionUser, type LoginUser, type RequestContext } from './login.service';

/** The current password, checked before a sensitive change on the account page. */
export async function checkCurrentPassword(userId: string, password: string): Promise<boolean> {
  const user = await UserModel.findById(userId, { passwordHash: 1 }).lean();
  return Boolean(user?.passwordHash && (await verifyPassword(user.passwordHash, password)));
}

/**
 * Changes the password after checking the current one. The update is conditional on the hash
 * that was checked (two changes at once cannot both win) and bumps the account version: every
 * other session of the account ends; the caller renews its own. Null when the current password
 * is wrong.
 */
export async function changePassword(
  user: AuditActor,
  current: string,
  next: string,
  ctx: RequestContext,
): Promise<LoginUser | null> {
  const stored = await UserModel.findById(user.id, { passwordHash: 1 }).lean();
  if (!stored?.passwordHash || !(await verifyPassword(stored.passwordHash, current))) return null;
  const updated = await UserModel.findOneAndUpdate(
    { _id: user.id, passwordHash: stored.passwordHash, active: true },
    { $set: { passwordHash: await hashPassword(next) }, $inc: { authVersion: 1 } },
    { returnDocument: 'after' },
  ).lean();
  if (!updated) return null;
  await record({ actor: user, action: 'password.changed', ip: ctx.ip });
  return toSessionUser(updated);
}
