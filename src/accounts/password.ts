import { randomBytes } from 'node:crypto';
import { Algorithm, hash, verify } from '@node-rs/argon2';

/**
 * argon2id with the library's defaults (19 MiB, t=2, p=1: OWASP's recommended minimum).
 * @node-rs/argon2 ships prebuilt binaries per platform: `npm ci` needs no C++ toolchain.
 */
export function hashPassword(password: string): Promise<string> {
  return hash(password, { algorithm: Algorithm.Argon2id });
}

export async function verifyPassword(hashed: string, password: string): Promise<boolean> {
  try {
    return await verify(hashed, password);
  } catch {
    return false;
  }
}

/** A readable random password (about 120 bits) for a generated demo admin. */
export function generatePassword(): string {
  return randomBytes(15).toString('base64url');
}

export const minPasswordLength = 12;
