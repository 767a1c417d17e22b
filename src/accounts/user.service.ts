import { record, type AuditActor } from '../audit';
import { ConflictError, NotFoundError } from '../lib/errors';
import { hashPassword, minPasswordLength } from './password';
import { UserModel, type Role } from './user.model';

export class WeakPasswordError extends Error {
  constructor() {
    super(`Le mot de passe doit contenir au moins ${minPasswordLength} caractères.`);
  }
}

export const normalizeEmail = (email: string) => email.trim().toLowerCase();

/**
 * Creates the account, or resets its password and role when it exists (its sessions end and the
 * lockout is lifted; `resetSecondFactor` also removes its TOTP). Returns true if created.
 */
export async function upsertUser(
  email: string,
  password: string,
  role: Role,
  { resetSecondFactor = false } = {},
): Promise<boolean> {
  if (password.length < minPasswordLength) throw new WeakPasswordError();
  const passwordHash = await hashPassword(password);
  const result = await UserModel.updateOne(
    { email: normalizeEmail(email) },
    {
      $set: {
        passwordHash,
        role,
        active: true,
        'login.failures': 0,
        'login.lockedUntil': null,
        ...(resetSecondFactor && { totpEnabled: false, totp: null, recoveryCodes: [] }),
      },
      $setOnInsert: { regions: [] },
      $inc: { authVersion: 1 },
    },
    { upsert: true },
  );
  return result.upsertedCount === 1;
}

export async function userExists(email: string): Promise<boolean> {
  return (await UserModel.exists({ email: normalizeEmail(email) })) !== null;
}

// What the users pages show; the hash is only read to tell a pending invitation.
const accountView = {
  email: 1,
  name: 1,
  role: 1,
  regions: 1,
  active: 1,
  totpEnabled: 1,
  'login.lastAt': 1,
  passwordHash: 1,
} as const;

function toAccount<T extends { _id: unknown; passwordHash?: string | null }>(user: T) {
  const { passwordHash, ...rest } = user;
  return { ...rest, id: String(user._id), invitationPending: !passwordHash };
}

/** Every account for the users page (a few dozen at most), by e-mail. */
export async function listUsers() {
  const users = await UserModel.find({}, accountView).sort({ email: 1 }).lean();
  return users.map(toAccount);
}

/** One account for the edit page; an id that is not one (or unknown) is a 404. */
export async function findUser(id: string) {
  const user = /^[a-f0-9]{24}$/.test(id) ? await UserModel.findById(id, accountView).lean() : null;
  if (!user) throw new NotFoundError('Ce compte n’existe pas');
  return toAccount(user);
}

export interface AccountFields {
  name: string;
  role: Role;
  /** Ignored for admins: they see every région. */
  regions: string[];
}

const scopedRegions = (fields: AccountFields) => (fields.role === 'admin' ? [] : fields.regions);

/** A new account without a password: the invitation link lets its owner choose one. */
export async function createInvitedUser(
  admin: AuditActor,
  fields: AccountFields & { email: string },
  ip?: string,
): Promise<string> {
  try {
    const user = await UserModel.create({
      email: normalizeEmail(fields.email),
      name: fields.name,
      role: fields.role,
      regions: scopedRegions(fields),
    });
    const id = String(user._id);
    await record({
      actor: admin,
      action: 'user.invited',
      target: { type: 'user', id, label: user.email },
      details: { role: fields.role, regions: scopedRegions(fields) },
      ip,
    });
    return id;
  } catch (error) {
    if ((error as { code?: number }).code === 11000) {
      throw new ConflictError('Un compte existe déjà avec cette adresse e-mail.');
    }
    throw error;
  }
}

/**
 * Name, role, régions and active flag in one update. Disabling bumps the account version, so the
 * person's open sessions stop at their next request. An admin cannot demote or disable themself
 * (the back office must keep an administrator).
 */
export async function updateUser(
  admin: AuditActor,
  id: string,
  fields: AccountFields & { active: boolean },
  ip?: string,
): Promise<void> {
  if (id === admin.id && (fields.role !== 'admin' || !fields.active)) {
    throw new ConflictError(
      'Vous ne pouvez pas retirer votre propre rôle d’administrateur ni désactiver votre compte.',
    );
  }
  const regions = scopedRegions(fields);
  const before = await UserModel.findOneAndUpdate(
    { _id: id },
    {
      $set: { name: fields.name, role: fields.role, regions, active: fields.active },
      ...(fields.active ? {} : { $inc: { authVersion: 1 } }),
    },
  ).lean();
  if (!before) throw new NotFoundError('Ce compte n’existe pas');
  const target = { type: 'user', id, label: before.email };
  const changes: Record<string, string> = {};
  if (before.name !== fields.name) changes.name = fields.name;
  if (before.role !== fields.role) changes.role = fields.role;
  if (before.regions.join(',') !== regions.join(',')) changes.regions = regions.join(', ') || '—';
  if (Object.keys(changes).length > 0) {
    await record({ actor: admin, action: 'user.updated', target, details: changes, ip });
  }
  if (before.active !== fields.active) {
    await record({
      actor: admin,
      action: fields.active ? 'user.enabled' : 'user.disabled',
      target,
      ip,
    });
  }
}

/** Every account as the journal's actor filter lists it, by e-mail. */
export async function actorOptions() {
  const users = await UserModel.find({}, { email: 1, name: 1 }).sort({ email: 1 }).lean();
  return users.map((a) => ({ value: String(a._id), label: `${a.name || a.email} (${a.email})` }));
}
