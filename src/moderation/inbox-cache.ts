import { wholeReadBatch } from '../lib/db/whole-read';
import { versionCounter } from '../lib/version-counter';
import { derivedFrom, versionedView } from '../lib/versioned-view';
import { decodeRow, InboxRowModel, type InboxRow } from './inbox-row.model';

/**
 * Every response's inbox row, held in memory by each app process and reloaded (one read of
 * `inboxrows`) when the `inbox-version` counter moves: a change made by another process shows
 * within 2 s, one made by this process at once.
 */
const counter = versionCounter('inbox-version');

const rows = versionedView(
  () => counter.current(),
  async (): Promise<Map<string, InboxRow>> => {
    const docs = await InboxRowModel.find({}).batchSize(wholeReadBatch).lean();
    return new Map(docs.map((doc) => [String(doc._id), decodeRow(String(doc._id), doc.d)]));
  },
);

/** The rows by response id (concurrent requests share one load). */
export const inboxRows = (): Promise<ReadonlyMap<string, InboxRow>> => rows.get();

/** What `compute` makes of the rows for a key, made again once they changed. */
export const fromInboxRows = <D>(
  compute: (held: ReadonlyMap<string, InboxRow>, key: string) => D,
) => derivedFrom(rows, compute);

/**
 * Called once rows are written (`undefined` for a removed row): moves the counter so other
 * processes reload, and applies them here at once when this process held every earlier version
 * (otherwise it reloads). Without `changes`, which rows moved is unknown: reload.
 */
export async function rowsChanged(changes?: ReadonlyMap<string, InboxRow | undefined>) {
  const version = await counter.bump();
  rows.changed(
    version,
    changes &&
      ((held) => {
        for (const [id, row] of changes) {
          if (row) held.set(id, row);
          else held.delete(id);
        }
      }),
  );
}
