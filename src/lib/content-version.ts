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

function collection() {
  return mongoose.connection.collection<{ _id: string; seq: number }>('counters');
}

export async function bumpContentVersion(): Promise<number> {
  const doc = await collection().findOneAndUpdate(
    { _id: id },
    { $inc: { seq: 1 } },
    { upsert: true, returnDocument: 'after' },
  );
  cached = { version: doc!.seq, readAt: Date.now() };
  return cached.version;
}

export async function contentVersion(): Promise<number> {
  if (cached && Date.now() - cached.readAt < maxAgeMs) return cached.version;
  const doc = await collection().findOne({ _id: id });
  cached = { version: doc?.seq ?? 0, readAt: Date.now() };
  return cached.version;
}

/** Tests that write sheets straight into the database drop the cached version. */
export function forgetContentVersion(): void {
  cached = undefined;
}
