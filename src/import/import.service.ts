import { Types } from 'mongoose';
import { record } from '../audit';
import { regionScope, type SessionUser } from '../accounts';
import { ConflictError, NotFoundError } from '../lib/errors';
import type { ImportKind } from './import.columns';
import { ImportBatchModel } from './import-batch.model';
import { readImportFile } from './import.read';
import { checkRows, type ImportRow } from './import.rows';
import { writeRows } from './import.write';

/** Parses and checks a file (nothing written but the preview), for the preview page. */
export async function prepareImport(
  user: SessionUser,
  kind: ImportKind,
  filename: string,
  buffer: Buffer,
) {
  const checked = await checkRows(await readImportFile(filename, buffer), regionScope(user));
  const batch = await ImportBatchModel.create({
    kind,
    source: filename,
    total: checked.total,
    rows: checked.rows,
    rowErrors: checked.errors,
    createdBy: user.id,
  });
  return String(batch._id);
}

export async function findBatch(user: SessionUser, id: string) {
  const batch = Types.ObjectId.isValid(id)
    ? await ImportBatchModel.findOne({ _id: id, createdBy: user.id }).lean()
    : null;
  if (!batch) throw new NotFoundError('Cet import n’existe pas');
  return { ...batch, rows: batch.rows as ImportRow[] };
}

export class RowsInErrorError extends ConflictError {
  constructor() {
    super(
      'Le fichier contient des lignes en erreur : corrigez-les, ou choisissez « Importer les lignes valides ».',
    );
  }
}

/**
 * `npm run import -- <file>`: the same checks and writes as the web import, without a preview.
 * Returns the rows in error; nothing is written when there are some, unless `validOnly`.
 */
export async function importFromCli(
  kind: ImportKind,
  filename: string,
  buffer: Buffer,
  validOnly: boolean,
) {
  const checked = await checkRows(await readImportFile(filename, buffer));
  if (checked.errors.length > 0 && !validOnly) return { ...checked, written: undefined };
  const written = await writeRows(kind, checked.rows, filename);
  await record({
    actor: null,
    action: 'import.done',
    target: { type: 'import', id: filename, label: filename },
    details: {
      kind,
      created: written.created,
      existing: written.existing,
      rejected: checked.errors.length,
      via: 'ligne de commande',
    },
  });
  return { ...checked, written };
}
