import { randomInt } from 'node:crypto';
import { hashToken } from '../lib/secret-token';

export const recoveryCodeCount = 10;
// No 0/o, 1/l/i: codes are read from paper.
const alphabet = 'abcdefghjkmnpqrstuvwxyz23456789';

/** What the person typed, without spaces, dashes or capitals. */
export function normalizeRecoveryCode(input: string): string {
  return input.toLowerCase().replace(/[\s-]/g, '');
}

/** Ten codes of 12 characters (about 59 bits each), shown once, stored as hashes only. */
export function newRecoveryCodes(): { codes: string[]; hashes: string[] } {
  const codes = Array.from({ length: recoveryCodeCount }, () => {
    const raw = Array.from({ length: 12 }, () => alphabet[randomInt(alphabet.length)]).join('');
    return raw.replace(/(.{4})(?=.)/g, '$1-');
  });
  return { codes, hashes: codes.map((c) => hashToken(normalizeRecoveryCode(c))) };
}

export function hashRecoveryCode(input: string): string {
  return hashToken(normalizeRecoveryCode(input));
}
