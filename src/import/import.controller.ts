import type { RequestHandler, Response } from 'express';
import multer from 'multer';
import path from 'node:path';
import { rootDir } from '../lib/paths';
import { termsOf } from '../reference';
import { ConflictError } from '../lib/errors';
import { buttonValues, type FieldError } from '../lib/http/form';
import { columns, importKinds, isImportKind } from './import.columns';
import { ImportFileError } from './import.parse';
import { isStalled, startImport } from './import.job';
import { findBatch, prepareImport } from './import.service';

/** One file in memory (2 Mo at most): import files are small tables. */
export const importUpload = multer({
  storage: multer.memoryStorage(),
  limits: { fileSize: 2 * 1024 * 1024, files: 1, fields: 10 },
}).single('fichier');

/** The sample files offered for download (the same as `seeds/examples/`). */
const samples: Record<string, { label: string; type: string }> = {
  'fiches.csv': { label: 'Fiches, CSV (séparateur « ; »)', type: 'text/csv; charset=utf-8' },
  'fiches.xlsx': {
    label: 'Fiches, XLSX',
    type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  },
  'reponses.json': { label: 'Réponses, JSON', type: 'application/json; charset=utf-8' },
};

/** Per taxonomy column, the codes and labels a cell may hold (active terms only). */
async function accepted() {
  const lists: Record<string, Array<{ value: string; label: string }>> = {};
  for (const c of columns) {
    if (c.taxonomy) lists[c.key] = (await termsOf(c.taxonomy)).filter((t) => !t.retired);
  }
  return lists;
}

const renderForm = async (res: Response, errors: FieldError[] = [], kind = 'fiches') =>
  res.status(errors.length ? 422 : 200).render('import/form', {
    pageTitle: 'Importer des données',
    columns,
    accepted: await accepted(),
    samples,
    importKinds,
    kind,
    errors,
  });

// GET /moderation/import/exemples/:file — a sample file, from the allow-list.
export const sampleFile: RequestHandler = (req, res, next) => {
  const name = String(req.params.file);
  const sample = Object.hasOwn(samples, name) ? samples[name] : undefined;
  if (!sample) return next();
  res.type(sample.type);
  res.attachment(`exemple-${name}`);
  res.sendFile(name, { root: path.join(rootDir, 'seeds', 'examples') });
};

async function renderBatch(res: Response, id: string, errors: FieldError[] = []) {
  const batch = await findBatch(res.req.user!, id);
  res.status(errors.length ? 422 : 200).render('import/preview', {
    pageTitle: `Import : ${batch.source}`,
    scripts: batch.status === 'en-cours' ? ['/static/js/import.js'] : [],
    batch,
    stalled: isStalled(batch),
    importKinds,
    errors,
  });
}

export const importController: Record<'form' | 'upload' | 'preview' | 'run', RequestHandler> = {
  // GET /moderation/import — the form and the documented column mapping.
  form: (_req, res) => renderForm(res),

  // POST /moderation/import — parses and checks the file, then shows the preview.
  async upload(req, res) {
    const { kind } = await buttonValues(req, ['kind']);
    if (!isImportKind(kind))
      return renderForm(res, [{ field: 'kind', message: 'Choisissez ce que contient le fichier' }]);
    if (!req.file)
      return renderForm(
        res,
        [{ field: 'fichier', message: 'Choisissez un fichier .csv, .xlsx ou .json' }],
        kind,
      );
    try {
      const id = await prepareImport(req.user!, kind, req.file.originalname, req.file.buffer);
      res.redirect(303, `/moderation/import/${id}`);
    } catch (error) {
      if (!(error instanceof ImportFileError)) throw error;
      await renderForm(res, [{ field: 'fichier', message: error.message }], kind);
    }
  },

  // GET /moderation/import/:id — rows, per-row errors and the decision buttons; then the job's
  // progress, its result, or a way to start it again when it stopped.
  async preview(req, res) {
    await renderBatch(res, String(req.params.id));
  },

  // POST /moderation/import/:id — starts the import (everything, or the valid rows when asked).
  async run(req, res) {
    const validOnly = (await buttonValues(req, ['mode'])).mode === 'lignes-valides';
    const id = String(req.params.id);
    try {
      await startImport(req.user!, id, validOnly, req.log, req.ip);
      res.redirect(303, `/moderation/import/${id}`);
    } catch (error) {
      if (!(error instanceof ConflictError)) throw error;
      await renderBatch(res, id, [{ field: 'mode', message: error.message }]);
    }
  },
};
