import { versionCounter } from '../lib/version-counter';
import { decodeRow, InboxRowModel, type InboxRow } from './inbox-row.model';

/**
 * Every response's inbox row, held in memory by each app process and reloaded (one read of
 * `inboxrows`) when the `inbox-version` counter moves: a change made by another process shows
 * within 2 s, one made by this process at once.
 */
const counter = versionCounter('inbox-version');

type Rows = Map<string, InboxRow>;
let loaded: { version: number; rows: Rows } | undefined;
let loading: { version: number; rows: Promise<Rows> } | undefined;
/** Changes applied by this process: a load started before one must not replace what it set. */
let localChanges = 0;

async function load(version: number): Promise<Rows> {
  const before = localChanges;
  const docs = await InboxRowModel.find({}).lean();
  const rows: Rows = new Map(
    docs.map((doc) => [String(doc._id), decodeRow(String(doc._id), doc.d)]),
  );
  if (localChanges === before) loaded = { version, rows };
  return rows;
}

/** The rows by response id (concurrent requests share one load). */
export async function inboxRows(): Promise<ReadonlyMap<string, InboxRow>> {
  const version = await counter.current();
  if (loaded?.version === version) return loaded.rows;
  if (loading?.version !== version) {
    const rows = load(version).finally(() => {
      if (loading?.rows === rows) loading = undefined;
    });
    loading = { version, rows };
  }
  return loading.rows;
}

/**
 * Called once rows are written (`undefined` for a removed row): moves the counter so other
 * processes reload, and applies them here at once when this process held every earlier version
 * (otherwise it reloads). Without `changes`, which rows moved is unknown: reload.
 */
export async function rowsChanged(changes?: ReadonlyMap<string, InboxRow | undefined>) {
  const version = await counter.bump();
  localChanges++;
  if (changes && loaded?.version === version - 1) {
    for (const [id, row] of changes) {
      if (row) loaded.rows.set(id, row);
      else loaded.rows.delete(id);
    }
    loaded.version = version;
  } else {
    loaded = undefined;
  }
}
