import type { RequestHandler, Response } from 'express';
import multer from 'multer';
import { setFlash } from '../accounts';
import { ConflictError } from '../lib/errors';
import { buttonValues, type FieldError } from '../lib/http/form';
import { columns, importKinds, isImportKind } from './import.columns';
import { ImportFileError } from './import.parse';
import { findBatch, prepareImport, runImport } from './import.service';

/** One file in memory (2 Mo at most): import files are small tables. */
export const importUpload = multer({
  storage: multer.memoryStorage(),
  limits: { fileSize: 2 * 1024 * 1024, files: 1, fields: 10 },
}).single('fichier');

const renderForm = (res: Response, errors: FieldError[] = [], kind = 'fiches') =>
  res.status(errors.length ? 422 : 200).render('import/form', {
    pageTitle: 'Importer des données',
    columns,
    importKinds,
    kind,
    errors,
  });

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
      renderForm(res, [{ field: 'fichier', message: error.message }], kind);
    }
  },

  // GET /moderation/import/:id — rows, per-row errors, and the decision buttons.
  async preview(req, res) {
    const batch = await findBatch(req.user!, String(req.params.id));
    res.render('import/preview', {
      pageTitle: `Import : ${batch.source}`,
      batch,
      importKinds,
      errors: [],
    });
  },

  // POST /moderation/import/:id — imports (everything, or the valid rows when asked).
  async run(req, res) {
    const validOnly = (await buttonValues(req, ['mode'])).mode === 'lignes-valides';
    try {
      const { created, existing } = await runImport(
        req.user!,
        String(req.params.id),
        validOnly,
        req.ip,
      );
      await setFlash(
        req,
        `Import terminé : ${created} ligne${created > 1 ? 's' : ''} créée${created > 1 ? 's' : ''}, ${existing} déjà importée${existing > 1 ? 's' : ''}.`,
      );
      res.redirect(303, '/moderation/import');
    } catch (error) {
      if (!(error instanceof ConflictError)) throw error;
      const batch = await findBatch(req.user!, String(req.params.id));
      res.status(422).render('import/preview', {
        pageTitle: `Import : ${batch.source}`,
        batch,
        importKinds,
        errors: [{ field: 'mode', message: error.message }],
      });
    }
  },
};
