import { Secret, TOTP } from 'otpauth';
import QRCode from 'qrcode';

/** RFC 6238 TOTP as every authenticator app expects it: SHA-1, 6 digits, 30-second steps. */
const periodSeconds = 30;
const issuer = 'Clause sociale';

function totp(secret: string, label = ''): TOTP {
  return new TOTP({
    issuer,
    label,
    secret: Secret.fromBase32(secret),
    algorithm: 'SHA1',
    digits: 6,
    period: periodSeconds,
  });
}

/** A new random secret (160 bits), base32 as typed into an app by hand. */
export function newTotpSecret(): string {
  return new Secret({ size: 20 }).base32;
}

/** The secret in groups of four characters, easier to copy by hand. */
export function groupedSecret(secret: string): string {
  return secret.replace(/(.{4})(?=.)/g, '$1 ');
}

/** The otpauth:// URI rendered as a PNG data: URI (no external service, allowed by the CSP). */
export function totpQrCode(secret: string, email: string): Promise<string> {
  return QRCode.toDataURL(totp(secret, email).toString(), {
    errorCorrectionLevel: 'M',
    margin: 2,
    width: 240,
  });
}

/** The time step a code belongs to (now, or one step before or after for clock drift), or null. */
export function matchingStep(secret: string, code: string, now = Date.now()): number | null {
  if (!/^\d{6}$/.test(code)) return null;
  const delta = totp(secret).validate({ token: code, timestamp: now, window: 1 });
  return delta === null ? null : Math.floor(now / 1000 / periodSeconds) + delta;
}

/** The current code of a secret (tests and the enrolment check use it). */
export function totpCode(secret: string, now = Date.now()): string {
  return totp(secret).generate({ timestamp: now });
}
