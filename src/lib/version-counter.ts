import mongoose from 'mongoose';

/**
 * A version number kept in the `counters` collection that every app process reads at most every
 * `maxAgeMs`: in-memory data (published sheets, inbox rows, vocabularies) is reloaded when it
 * changes, so a change made by another process shows within that delay, and a change made by
 * this process shows at once (`bump()` sets the cached value).
 */
export interface VersionCounter {
  bump(): Promise<number>;
  current(): Promise<number>;
  /** The version read less than `maxAgeMs` ago, without waiting; undefined when it is older. */
  fresh(): number | undefined;
  /** The version read now, whatever the age of the last read (one read shared by callers). */
  latest(): Promise<number>;
}

export function versionCounter(id: string, maxAgeMs = 2000): VersionCounter {
  let cached: { version: number; readAt: number } | undefined;
  let reading: Promise<number> | undefined;
  /** Bumps by this process: a read started before one must not overwrite what it set. */
  let bumps = 0;
  const collection = () => mongoose.connection.collection<{ _id: string; seq: number }>('counters');

  const fresh = () =>
    cached && Date.now() - cached.readAt < maxAgeMs ? cached.version : undefined;

  // Concurrent requests share one read.
  const latest = (): Promise<number> => {
    const bumpsBefore = bumps;
    reading ??= collection()
      .findOne({ _id: id })
      .then((doc) => {
        if (bumps !== bumpsBefore && cached) return cached.version;
        cached = { version: doc?.seq ?? 0, readAt: Date.now() };
        return cached.version;
      })
      .finally(() => {
        reading = undefined;
      });
    return reading;
  };

  return {
    fresh,
    async bump() {
      const doc = await collection().findOneAndUpdate(
        { _id: id },
        { $inc: { seq: 1 } },
        { upsert: true, returnDocument: 'after' },
      );
      bumps++;
      cached = { version: doc!.seq, readAt: Date.now() };
      return cached.version;
    },
    async current() {
      const version = fresh();
      if (version !== undefined) return version;
      return latest();
    },
    latest,
  };
}
