import { wholeReadBatch } from './db/whole-read';
import { Types, type Schema } from 'mongoose';
import { versionCounter } from './version-counter';
import { derivedFrom, versionedView } from './versioned-view';

/**
 * A collection whose small part each process holds in memory (an index of entries by `_id`),
 * following every write: the embedded database reads a whole collection for any filter other than
 * `_id`, so lists, counts and checks read the index instead. The model's hooks (`reportWrites`)
 * move a version counter after each write, in whatever process writes; the process that wrote
 * reads the written documents back by `_id` and patches its index, the others reload it within
 * 2 s. The model file installs the hooks, the feature builds the index: `writeFeed` joins them
 * without an import cycle.
 */
export interface WriteFeed {
  /** After documents were written: their ids, or undefined when which ones is unknown. */
  written(ids?: string[]): Promise<void>;
  readonly version: ReturnType<typeof versionCounter>;
  /** Resolves once the reports made so far have been applied. */
  settled(): Promise<unknown>;
  follow(patch: (version: number, ids: string[] | undefined) => Promise<void>): void;
}

export function writeFeed(counterId: string): WriteFeed {
  const version = versionCounter(counterId);
  let patch: ((version: number, ids: string[] | undefined) => Promise<void>) | undefined;
  // One report at a time in this process: each patch then follows the version before it, where
  // reports of concurrent writes taken in any order would each find the index at another version
  // and make it reload.
  let queue: Promise<unknown> = Promise.resolve();
  return {
    version,
    settled: () => queue,
    follow(p) {
      patch = p;
    },
    written(ids) {
      const report = queue.then(async () => {
        const v = await version.bump();
        await patch?.(v, ids);
      });
      queue = report.catch(() => undefined);
      return report;
    },
  };
}

/** The ids a write filter names (`{_id: X}` or `{_id: {$in: [...]}}`), else undefined. */
function idsNamed(filter: Record<string, unknown>): string[] | undefined {
  const id = filter._id;
  if (typeof id === 'string' || id instanceof Types.ObjectId) return [String(id)];
  const list = (id as { $in?: unknown } | undefined)?.$in;
  return Array.isArray(list) ? list.map(String) : undefined;
}

type WriteResult = { modifiedCount?: number; deletedCount?: number; upsertedCount?: number };
const later = (query: { getOptions(): unknown }) =>
  Boolean((query.getOptions() as { indexLater?: boolean }).indexLater);

/**
 * Every write through the model reports to `feed`, so no feature can forget to. A change of many
 * documents one at a time sets the query option `indexLater` and reports once at the end. Writes
 * through `Model.collection` report themselves when they change what an index holds.
 */
export function reportWrites(schema: Schema, feed: WriteFeed): void {
  schema.post(
    ['updateOne', 'updateMany', 'replaceOne', 'deleteOne', 'deleteMany'],
    async function (result: WriteResult) {
      if (later(this)) return;
      const count =
        (result?.modifiedCount ?? 0) + (result?.deletedCount ?? 0) + (result?.upsertedCount ?? 0);
      if (count === 0) return;
      await feed.written(result.upsertedCount ? undefined : idsNamed(this.getFilter()));
    },
  );
  schema.post(
    ['findOneAndUpdate', 'findOneAndDelete', 'findOneAndReplace'],
    async function (doc: { _id?: unknown } | null) {
      if (!later(this) && doc?._id) await feed.written([String(doc._id)]);
    },
  );
  schema.post('save', async (doc: { _id: unknown }) => feed.written([String(doc._id)]));
  schema.post('insertMany', async function (docs: unknown) {
    await feed.written((docs as Array<{ _id: unknown }>).map((d) => String(d._id)));
  });
  schema.post('bulkWrite', async () => feed.written());
  // An unordered insert refused in part (a duplicate key) inserted the others: reload.
  schema.post('insertMany', { errorHandler: true }, async function (error: Error) {
    await feed.written();
    throw error;
  });
}

/** Beyond this many documents written at once, reloading costs less than reading each back. */
const patchLimit = 200;

/** The reads a followed index makes of its model: every document, or one by `_id`. */
interface IndexedModel {
  find(filter: object, fields: string): { batchSize(n: number): { lean(): Promise<object[]> } };
  findOne(filter: object, fields: string): { lean(): Promise<object | null> };
}

/** A followed collection's index: call it for the entries by id. */
export interface FollowedIndex<Entry> {
  (): Promise<ReadonlyMap<string, Entry>>;
  /** What `compute` makes of the entries for a key (counts…), made again once they changed. */
  derived<D>(
    compute: (held: ReadonlyMap<string, Entry>, key: string) => D,
  ): (key: string) => Promise<D>;
}

/**
 * The in-memory index of a followed collection: the `fields` of every document of `model` as
 * `entryOf` makes them, read once per version; one document read back by `_id` after a write.
 */
export function followedIndex<Entry>(
  feed: WriteFeed,
  model: IndexedModel,
  fields: string,
  entryOf: (doc: Record<string, unknown>) => Entry,
): FollowedIndex<Entry> {
  const load = async () => {
    const docs = (await model.find({}, fields).batchSize(wholeReadBatch).lean()) as Array<
      Record<string, unknown>
    >;
    return new Map(docs.map((d) => [String(d._id), entryOf(d)]));
  };
  const readOne = async (id: string) => {
    const doc = await model.findOne({ _id: id }, fields).lean();
    return doc ? entryOf(doc as Record<string, unknown>) : undefined;
  };
  const index = versionedView(() => feed.version.current(), load);
  feed.follow(async (version, ids) => {
    if (!ids || ids.length > patchLimit) return index.changed(version);
    // Read after the version moved: a patch never holds a state older than its version. One at a
    // time: reads sent together each hold the embedded database's lock for as long as all take.
    const entries: Array<Entry | undefined> = [];
    for (const id of ids) entries.push(await readOne(id));
    index.changed(version, (held) => {
      ids.forEach((id, i) => {
        const entry = entries[i];
        if (entry) held.set(id, entry);
        else held.delete(id);
      });
    });
  });
  // A reader waits for the reports in flight: between a report's version move and its patch,
  // the index would otherwise look out of date and be read again from the database.
  const get = async () => {
    await feed.settled();
    return index.get();
  };
  return Object.assign(get, {
    derived<D>(compute: (held: ReadonlyMap<string, Entry>, key: string) => D) {
      const made = derivedFrom(index, compute);
      return async (key: string) => {
        await feed.settled();
        return made(key);
      };
    },
  });
}
