import { record, type AuditActor } from '../audit';
import { ForbiddenError } from '../lib/errors';
import { UserModel } from './user.model';
import { isAccountLocked, registerFailure, type RequestContext } from './login.service';
import { hashRecoveryCode, newRecoveryCodes } from './recovery-codes';
import { matchingStep } from './totp';

export type SecondFactorResult =
  | { ok: true; method: 'totp' }
  | { ok: true; method: 'recovery-code'; remaining: number }
  | { ok: false; locked: boolean };

/**
 * A TOTP code is accepted once: the step it belongs to is stored by a conditional update that
 * only succeeds when that step is newer than the last accepted one, so a code replayed (even at
 * the same moment from elsewhere) fails.
 */
async function acceptTotp(userId: string, code: string): Promise<boolean> {
  const user = await UserModel.findOne({ _id: userId, totpEnabled: true }, { totp: 1 }).lean();
  if (!user?.totp) return false;
  const step = matchingStep(user.totp.secret, code);
  if (step === null) return false;
  const result = await UserModel.updateOne(
    { _id: userId, totpEnabled: true, 'totp.lastStep': { $lt: step } },
    { $set: { 'totp.lastStep': step } },
  );
  return result.modifiedCount === 1;
}

/** A recovery code is removed by the update that accepts it: used once, even by two at once. */
async function consumeRecoveryCode(userId: string, code: string): Promise<number | null> {
  const hash = hashRecoveryCode(code);
  const user = await UserModel.findOneAndUpdate(
    { _id: userId, totpEnabled: true, recoveryCodes: hash },
    { $pull: { recoveryCodes: hash } },
    { returnDocument: 'after' },
  ).lean();
  return user ? user.recoveryCodes.length : null;
}

/**
 * The second step of a login: six digits are a TOTP code, anything else a recovery code. A wrong
 * code counts towards the same lockout as a wrong password.
 */
export async function verifySecondFactor(
  user: AuditActor,
  input: string,
  ctx: RequestContext,
): Promise<SecondFactorResult> {
  if (await isAccountLocked(user.id)) return { ok: false, locked: true };
  const code = input.replace(/\s/g, '');
  if (/^\d{6}$/.test(code)) {
    if (await acceptTotp(user.id, code)) return { ok: true, method: 'totp' };
  } else if (code) {
    const remaining = await consumeRecoveryCode(user.id, code);
    if (remaining !== null) {
      await record({
        actor: user,
        action: 'recovery-code.used',
        details: { remaining },
        ip: ctx.ip,
      });
      return { ok: true, method: 'recovery-code', remaining };
    }
  }
  await registerFailure(user.id, 'code', ctx);
  return { ok: false, locked: await isAccountLocked(user.id) };
}

/**
 * Enrolment: the first code from the app proves the secret was copied. The secret, the step of
 * that code and the hashed recovery codes are stored by one update that only applies while no
 * second factor is enabled. Returns the recovery codes (shown once), or why it failed.
 */
export async function enableTotp(
  user: AuditActor,
  secret: string,
  code: string,
  ctx: RequestContext,
): Promise<{ codes: string[] } | { error: 'invalid-code' | 'already-enabled' }> {
  const step = matchingStep(secret, code.replace(/\s/g, ''));
  if (step === null) return { error: 'invalid-code' };
  const { codes, hashes } = newRecoveryCodes();
  const result = await UserModel.updateOne(
    { _id: user.id, totpEnabled: false },
    {
      $set: {
        totpEnabled: true,
        totp: { secret, enabledAt: new Date(), lastStep: step },
        recoveryCodes: hashes,
      },
    },
  );
  if (result.modifiedCount !== 1) return { error: 'already-enabled' };
  await record({ actor: user, action: 'totp.enabled', ip: ctx.ip });
  return { codes };
}

/** Ten new recovery codes; the old ones stop working. */
export async function renewRecoveryCodes(
  user: AuditActor,
  ctx: RequestContext,
): Promise<string[] | null> {
  const { codes, hashes } = newRecoveryCodes();
  const result = await UserModel.updateOne(
    { _id: user.id, totpEnabled: true },
    { $set: { recoveryCodes: hashes } },
  );
  if (result.modifiedCount !== 1) return null;
  await record({ actor: user, action: 'recovery-codes.renewed', ip: ctx.ip });
  return codes;
}

const noSecondFactor = { totpEnabled: false, totp: null, recoveryCodes: [] };

/** A moderator turns their optional second factor off (admins cannot: it is required). */
export async function disableTotp(user: AuditActor, ctx: RequestContext): Promise<void> {
  const result = await UserModel.updateOne(
    { _id: user.id, role: 'moderator', totpEnabled: true },
    { $set: noSecondFactor },
  );
  if (result.matchedCount !== 1) {
    throw new ForbiddenError('La double authentification est obligatoire pour ce compte.');
  }
  await record({ actor: user, action: 'totp.disabled', ip: ctx.ip });
}

/**
 * An admin removes someone's second factor (lost phone and codes): their sessions end, and the
 * next login asks to enrol again (admins) or goes without (moderators).
 */
export async function resetTotp(
  admin: AuditActor,
  target: { id: string; email: string },
  ctx: RequestContext,
): Promise<boolean> {
  const result = await UserModel.updateOne(
    { _id: target.id, totpEnabled: true },
    { $set: noSecondFactor, $inc: { authVersion: 1 } },
  );
  if (result.modifiedCount !== 1) return false;
  await record({
    actor: admin,
    action: 'totp.reset',
    target: { type: 'user', id: target.id, label: target.email },
    ip: ctx.ip,
  });
  return true;
}
