import { createHash, randomBytes, randomFillSync } from 'node:crypto';

const pool = Buffer.allocUnsafe(4096);
let drawn = pool.length;

/**
 * Bytes from the system's secure generator, drawn 4 KB at a time and each handed out once: a
 * call of randomBytes costs about 7 µs whatever its size, and a form page's first visit needs two.
 */
export function secureRandomBytes(size: number): Buffer {
  if (size > pool.length) return randomBytes(size);
  if (drawn + size > pool.length) {
    randomFillSync(pool);
    drawn = 0;
  }
  // A copy: what the pool hands out never changes when it is refilled.
  const bytes = Buffer.from(pool.subarray(drawn, drawn + size));
  drawn += size;
  return bytes;
}

/** A random URL-safe secret (256 bits) for a one-time link. */
export function newToken(): string {
  return secureRandomBytes(32).toString('base64url');
}

/**
 * SHA-256 of a high-entropy secret: enough for random tokens and codes (no dictionary to try),
 * and it lets the database find the owner by the hash alone.
 */
export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}
