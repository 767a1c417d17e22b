import { regionScope } from '../../src/accounts';
import { safeReturnPath } from '../../src/accounts/return-path';
import { matchingStep, totpCode } from '../../src/accounts/totp';
import { newRecoveryCodes, hashRecoveryCode } from '../../src/accounts/recovery-codes';
import { parisMidnight } from '../../src/lib/paris-time';

describe('regionScope', () => {
  it('when the user is an admin or a national moderator, then every région (undefined)', () => {
    expect(regionScope({ role: 'admin', regions: ['24'] })).toBeUndefined();
    expect(regionScope({ role: 'moderator', regions: [] })).toBeUndefined();
  });

  it('when the user is a regional coordinator, then a copy of their régions', () => {
    const regions = ['24', '28'];
    const scope = regionScope({ role: 'moderator', regions });
    expect(scope).toEqual(['24', '28']);
    scope!.push('11');
    expect(regions).toEqual(['24', '28']);
  });
});

describe('safeReturnPath', () => {
  it.each(['/moderation', '/moderation/journal?action=logout&page=2', '/moderation/compte#totp'])(
    'when %s is given, then it is kept',
    (path) => expect(safeReturnPath(path)).toBe(path),
  );

  it.each([
    '//evil.example',
    '/\\evil.example',
    '/\\/evil.example',
    'https://evil.example',
    'HTTP://evil.example',
    'javascript:alert(1)',
    'data:text/html,x',
    '/\nevil',
    '/\u0000',
    '/path with space',
    'relative/path',
    `/${'a'.repeat(600)}`,
    ['/moderation'],
    { toString: () => '/moderation' },
    undefined,
  ])('when %j is given, then the inbox is used instead', (value) => {
    expect(safeReturnPath(value)).toBe('/moderation');
  });
});

describe('TOTP (RFC 6238)', () => {
  // RFC 6238 appendix B, SHA-1 secret "12345678901234567890", truncated to 6 digits.
  const rfcSecret = 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ';
  it.each([
    [59, '287082'],
    [1111111109, '081804'],
    [1234567890, '005924'],
    [2000000000, '279037'],
  ])('when the time is %i s, then the code is %s', (seconds, code) => {
    expect(totpCode(rfcSecret, seconds * 1000)).toBe(code);
    expect(matchingStep(rfcSecret, code, seconds * 1000)).toBe(Math.floor(seconds / 30));
  });

  it('when a code is one step old or one step ahead, then its own step is returned; further, null', () => {
    const now = 1_800_000_000_000;
    expect(matchingStep(rfcSecret, totpCode(rfcSecret, now - 30_000), now)).toBe(now / 30_000 - 1);
    expect(matchingStep(rfcSecret, totpCode(rfcSecret, now + 30_000), now)).toBe(now / 30_000 + 1);
    expect(matchingStep(rfcSecret, totpCode(rfcSecret, now - 90_000), now)).toBeNull();
    expect(matchingStep(rfcSecret, '12345', now)).toBeNull();
  });
});

describe('recovery codes', () => {
  it('when codes are made, then ten distinct readable codes, and the hash ignores case, spaces and dashes', () => {
    const { codes, hashes } = newRecoveryCodes();
    expect(codes).toHaveLength(10);
    expect(new Set(codes).size).toBe(10);
    for (const code of codes)
      expect(code).toMatch(/^[a-hj-km-np-z2-9]{4}(-[a-hj-km-np-z2-9]{4}){2}$/);
    expect(hashRecoveryCode(` ${codes[0].toUpperCase().replace(/-/g, ' ')} `)).toBe(hashes[0]);
  });
});

describe('parisMidnight', () => {
  it('when a day is in winter or summer time, then midnight in Paris is 23:00 or 22:00 UTC the day before', () => {
    expect(parisMidnight('2026-01-15').toISOString()).toBe('2026-01-14T23:00:00.000Z');
    expect(parisMidnight('2026-07-15').toISOString()).toBe('2026-07-14T22:00:00.000Z');
    expect(parisMidnight('2026-03-29').toISOString()).toBe('2026-03-28T23:00:00.000Z');
    expect(parisMidnight('2026-10-25').toISOString()).toBe('2026-10-24T22:00:00.000Z');
  });
});
