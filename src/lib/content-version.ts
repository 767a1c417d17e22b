import mongoose from 'mongoose';

/**
 * The version of everything the public sees (published sheets, the recueil's selection, meetings'
 * selected practices). Any change to public content calls `bumpContentVersion()`; caches of
 * rendered pages, the search index and the PDF recueil are keyed by `contentVersion()`, so every
 * app process sees a change made by another within `maxAgeMs`.
 */
const id = 'content-version';
const maxAgeMs = 2000;
let cached: { version: number; readAt: number } | undefined;
let reading: Promise<number> | undefined;
/** Bumps by this process: a read started before one must not overwrite what it set. */
let bumps = 0;

function collection() {
  return mongoose.connection.collection<{ _id: string; seq: number }>('counters');
}

export async function bumpContentVersion(): Promise<number> {
  const doc = await collection().findOneAndUpdate(
    { _id: id },
    { $inc: { seq: 1 } },
    { upsert: true, returnDocument: 'after' },
  );
  bumps++;
  cached = { version: doc!.seq, readAt: Date.now() };
  return cached.version;
}

export async function contentVersion(): Promise<number> {
  if (cached && Date.now() - cached.readAt < maxAgeMs) return cached.version;
  // Concurrent requests share one read.
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
}

/** Tests that write sheets straight into the database drop the cached version. */
export function forgetContentVersion(): void {
  cached = undefined;
}
