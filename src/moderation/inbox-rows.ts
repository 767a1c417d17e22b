import { wholeReadBatch } from '../lib/db/whole-read';
import { Types } from 'mongoose';
import { ResponseModel } from '../questionnaire';
import { rowsChanged } from './inbox-cache';
import {
  decodeRow,
  encodeRow,
  InboxRowModel,
  rowSource,
  type InboxRow,
  type RowSource,
} from './inbox-row.model';

/** The row a response should have now (undefined: none, or the response is gone). */
async function expectedRow(_id: Types.ObjectId): Promise<string | undefined> {
  // Filtered by `_id` alone: the only filter FerretDB answers without decoding every response.
  const response = await ResponseModel.findOne({ _id }, rowSource).lean<RowSource>();
  return response ? encodeRow(response) : undefined;
}

/**
 * Writes the row of one response, then reads the response again: if it changed meanwhile (another
 * request's write), writes again. So the last row written is always checked against the response
 * after it was written, and two requests syncing at once never leave an older row behind. (A
 * conditional write on a revision number would need a filter other than `_id`, which FerretDB
 * answers by decoding the whole collection: about 3 s per write with 5,000 rows, measured.)
 */
async function syncOne(_id: Types.ObjectId, written?: RowSource): Promise<string | undefined> {
  let expected = written ? encodeRow(written) : await expectedRow(_id);
  for (;;) {
    if (expected === undefined) await InboxRowModel.deleteOne({ _id });
    else await InboxRowModel.replaceOne({ _id }, { _id, d: expected }, { upsert: true });
    const now = await expectedRow(_id);
    if (now === expected) return expected;
    expected = now;
  }
}

/**
 * THE way the inbox learns of a change: after every write that changes what a response's row
 * holds (draft created, territoire saved, sent, amended, status changed, imported), with the ids
 * of the responses written. `written`: some of them as their write returned them, which saves
 * reading each one before its row is written.
 */
export async function syncInboxRows(
  ids: ReadonlyArray<Types.ObjectId | string>,
  written: readonly RowSource[] = [],
): Promise<void> {
  const changes = new Map<string, InboxRow | undefined>();
  const known = new Map(written.map((r) => [String(r._id), r]));
  for (const id of new Set(ids.map(String))) {
    const d = await syncOne(new Types.ObjectId(id), known.get(id));
    changes.set(id, d === undefined ? undefined : decodeRow(id, d));
  }
  if (changes.size) await rowsChanged(changes);
}

/**
 * Rows for responses just inserted in bulk (an import), made from the inserted documents: one
 * write for all of them, instead of a read and a write each.
 */
export async function addInboxRows(responses: RowSource[]): Promise<void> {
  const changes = new Map<string, InboxRow>();
  const docs: Array<{ _id: Types.ObjectId; d: string }> = [];
  for (const r of responses) {
    const d = encodeRow(r);
    if (d === undefined) continue;
    docs.push({ _id: r._id, d });
    changes.set(String(r._id), decodeRow(String(r._id), d));
  }
  if (!docs.length) return;
  await InboxRowModel.collection.insertMany(docs, { ordered: false }).catch(ignoreDuplicates);
  await rowsChanged(changes);
}

/** A duplicate key on insert means a request wrote that row meanwhile: theirs is as recent. */
function ignoreDuplicates(error: unknown): void {
  const e = error as { code?: number; writeErrors?: { code?: number } | Array<{ code?: number }> };
  const errors = e.writeErrors === undefined ? [e] : [e.writeErrors].flat();
  if (!errors.every((w) => w.code === 11000)) throw error;
}

/**
 * At start and after the seed: rows for responses stored without one (inserted in bulk, never
 * over a row a request wrote meanwhile), and every row checked against its response (a differing
 * one synced). Returns how many rows were written or removed.
 */
export async function backfillInboxRows(): Promise<number> {
  const [responses, rows] = await Promise.all([
    ResponseModel.find({}, rowSource).batchSize(wholeReadBatch).lean<RowSource[]>(),
    InboxRowModel.find({}).batchSize(wholeReadBatch).lean(),
  ]);
  const stored = new Map(rows.map((r) => [String(r._id), r.d]));
  const missing: Array<{ _id: Types.ObjectId; d: string }> = [];
  const differing: string[] = [];
  for (const r of responses) {
    const id = String(r._id);
    const d = encodeRow(r);
    if (d !== undefined && !stored.has(id)) missing.push({ _id: r._id, d });
    else if (d !== stored.get(id)) differing.push(id);
    stored.delete(id);
  }
  // Rows whose response is gone.
  differing.push(...stored.keys());
  // By batches: one insert of thousands of rows would hold the embedded database's write lock
  // long enough for its write probe to restart it.
  for (let i = 0; i < missing.length; i += 500) {
    await InboxRowModel.collection
      .insertMany(missing.slice(i, i + 500), { ordered: false })
      .catch(ignoreDuplicates);
  }
  if (missing.length) await rowsChanged();
  await syncInboxRows(differing);
  return missing.length + differing.length;
}
