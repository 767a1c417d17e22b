import type { Types } from 'mongoose';
import { record } from '../audit';
import type { SessionUser } from '../accounts';
import { ConflictError } from '../lib/errors';
import type { Logger } from '../lib/logger';
import type { ImportKind } from './import.columns';
import { ImportBatchModel } from './import-batch.model';
import { findBatch, RowsInErrorError } from './import.service';
import { writeRows } from './import.write';

/**
 * A confirmed web import runs as a job of the process that accepted it: the request answers at
 * once and the batch's page shows how far the job got. Progress is written to the batch after
 * every block of rows, so a job whose process ended is seen as stopped and can be started again:
 * rows already imported are recognised by their key and not written twice.
 */
export const stalledAfterMs = 60_000;

const running = new Set<Promise<void>>();

/** Resolves once the jobs running in this process have ended (before the process stops). */
export const importsSettled = () => Promise.all(running);

/** Whether a batch « en cours » has not moved for too long: its job stopped with its process. */
export const isStalled = (batch: { status: string; progress?: { at?: Date | null } | null }) =>
  batch.status === 'en-cours' && (batch.progress?.at?.getTime() ?? 0) < Date.now() - stalledAfterMs;

/** Claims the batch for a run: refused while a job moves it, and once it is imported. */
function claim(id: Types.ObjectId) {
  return ImportBatchModel.findOneAndUpdate(
    {
      _id: id,
      $or: [
        { status: { $in: ['apercu', 'echec'] } },
        { status: 'en-cours', 'progress.at': { $lt: new Date(Date.now() - stalledAfterMs) } },
      ],
    },
    { $set: { status: 'en-cours', progress: { done: 0, at: new Date() } } },
  );
}

/**
 * Starts importing a previewed file (refused when a row is wrong, unless `validOnly`); resolves
 * once the job is claimed, before the rows are written. A double click starts one job.
 */
export async function startImport(
  user: SessionUser,
  id: string,
  validOnly: boolean,
  log: Logger,
  ip?: string,
): Promise<void> {
  const batch = await findBatch(user, id);
  if (batch.rowErrors.length > 0 && !validOnly) throw new RowsInErrorError();
  if (!(await claim(batch._id)))
    throw new ConflictError(
      batch.status === 'importe' ? 'Ce fichier a déjà été importé.' : 'Cet import est en cours.',
    );
  const moved = async (done: number) => {
    await ImportBatchModel.updateOne(
      { _id: batch._id },
      { $set: { progress: { done, at: new Date() } } },
    );
  };
  const job = writeRows(batch.kind as ImportKind, batch.rows, batch.source, moved)
    .then(async (result) => {
      // Journaled before the batch says « terminé »: whoever sees it done finds the entry.
      await record({
        actor: user,
        action: 'import.done',
        target: { type: 'import', id, label: batch.source },
        details: {
          kind: batch.kind,
          created: result.created,
          existing: result.existing,
          rejected: batch.rowErrors.length,
        },
        ip,
      });
      await ImportBatchModel.updateOne(
        { _id: batch._id },
        {
          $set: {
            status: 'importe',
            result,
            progress: { done: batch.rows.length, at: new Date() },
          },
        },
      );
    })
    .catch(async (err: unknown) => {
      log.error({ err, batch: id }, 'import interrompu');
      await ImportBatchModel.updateOne({ _id: batch._id }, { $set: { status: 'echec' } });
    })
    .catch(() => undefined)
    .finally(() => running.delete(job));
  running.add(job);
}
