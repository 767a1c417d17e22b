import { hashPassword, minPasswordLength } from './password';
import { UserModel, type Role } from './user.model';

export class WeakPasswordError extends Error {
  constructor() {
    super(`Le mot de passe doit contenir au moins ${minPasswordLength} caractères.`);
  }
}

/** Creates the account, or resets its password and role when it exists. Returns true if created. */
export async function upsertUser(email: string, password: string, role: Role): Promise<boolean> {
  if (password.length < minPasswordLength) throw new WeakPasswordError();
  const passwordHash = await hashPassword(password);
  const result = await UserModel.updateOne(
    { email: email.toLowerCase().trim() },
    { $set: { passwordHash, role, active: true } },
    { upsert: true },
  );
  return result.upsertedCount === 1;
}

export async function userExists(email: string): Promise<boolean> {
  return (await UserModel.exists({ email: email.toLowerCase().trim() })) !== null;
}
