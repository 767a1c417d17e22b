import { nextNightlyRun } from '../../src/privacy/retention';

describe('the retention job’s night', () => {
  it.each([
    ['2026-12-07T12:00:00Z', '2026-12-08T02:30:00.000Z'], // winter: 03:30 in Paris is 02:30 UTC
    ['2026-12-07T01:00:00Z', '2026-12-07T02:30:00.000Z'], // 02:00 in Paris: tonight still
    ['2026-12-07T02:30:00Z', '2026-12-08T02:30:00.000Z'], // just run: the next night
    ['2026-07-01T12:00:00Z', '2026-07-02T01:30:00.000Z'], // summer: 01:30 UTC
    ['2026-12-31T23:30:00Z', '2027-01-01T02:30:00.000Z'], // already the new year in Paris
  ])('when it is %s, then the next run is at %s', (now, next) => {
    expect(nextNightlyRun(new Date(now)).toISOString()).toBe(next);
  });
});
