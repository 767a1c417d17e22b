import { newToken, secureRandomBytes } from '../../src/lib/secret-token';

describe('secure random bytes drawn from a pool', () => {
  it('when far more bytes are drawn than the pool holds, then no draw repeats another and each has the size asked', () => {
    const drawn = Array.from({ length: 2000 }, (_, i) => secureRandomBytes(1 + (i % 40)));
    drawn.forEach((bytes, i) => expect(bytes.length).toBe(1 + (i % 40)));
    const long = drawn.filter((b) => b.length >= 12).map((b) => b.toString('hex'));
    expect(new Set(long).size).toBe(long.length);
  });

  it('when the pool is refilled after a draw, then the bytes handed out before do not change', () => {
    const kept = secureRandomBytes(32);
    const copy = Buffer.from(kept);
    for (let i = 0; i < 1000; i++) secureRandomBytes(32);
    expect(kept.equals(copy)).toBe(true);
  });

  it('when more than the pool is asked at once, then it is given in full', () => {
    const big = secureRandomBytes(10_000);
    expect(big.length).toBe(10_000);
    expect(new Set(big).size).toBeGreaterThan(200);
  });

  it('when links are made, then each token is 43 URL-safe characters and never repeats', () => {
    const tokens = Array.from({ length: 500 }, newToken);
    for (const token of tokens) expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(new Set(tokens).size).toBe(500);
  });
});
