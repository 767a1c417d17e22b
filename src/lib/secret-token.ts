import { createHash, randomBytes } from 'node:crypto';

/** A random URL-safe secret (256 bits) for a one-time link. */
export function newToken(): string {
  return randomBytes(32).toString('base64url');
}

/**
 * SHA-256 of a high-entropy secret: enough for random tokens and codes (no dictionary to try),
 * and it lets the database find the owner by the hash alone.
 */
export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}
