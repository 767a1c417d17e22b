import type { Request, RequestHandler } from 'express';
import { inRegionScope, setFlash } from '../accounts';
import { ConflictError } from '../lib/errors';
import { readForm, type FormValues } from '../lib/http/form';
import { renderEditor } from './sheet.editor';
import { formOf, readSheetForm, sheetFormFields } from './sheet.form';
import {
  createBlank,
  createFromResponse,
  findSheet,
  StaleRevisionError,
  updateSheet,
} from './sheet.service';
import { notifyAuthor, type SheetsDeps } from './sheet.workflow';

/** The editor's form as sent, and what it says once checked (the user's régions only). */
async function editorForm(req: Request, current?: Parameters<typeof readSheetForm>[2]) {
  const { values, typed } = await readForm<FormValues>(req, sheetFormFields());
  const inScope = (region: string) => inRegionScope(req.user!, region);
  return { typed, ...(await readSheetForm(values, inScope, current)) };
}

const savedMessage = (askedAgain: boolean, wasPublished: boolean) =>
  askedAgain
    ? `Fiche enregistrée. Elle avait été validée : sa nouvelle version est renvoyée à l’auteur pour validation${wasPublished ? ' et n’est plus publiée en attendant' : ''}.`
    : 'Fiche enregistrée.';

// GET /moderation/fiches/nouvelle — a sheet written from scratch.
export const showNew =
  (deps: SheetsDeps): RequestHandler =>
  (_req, res) =>
    renderEditor(res, deps.editorSections, formOf({}));

// POST /moderation/fiches/nouvelle
export const create =
  (deps: SheetsDeps): RequestHandler =>
  async (req, res) => {
    const { errors, content, typed } = await editorForm(req);
    if (errors.length) return renderEditor(res, deps.editorSections, typed, undefined, errors);
    const sheet = await createBlank(req.user!, content, req.ip);
    await setFlash(req, 'Fiche créée.');
    res.redirect(303, `/moderation/fiches/${sheet._id}`);
  };

// POST /moderation/reponses/:id/fiche — « Préparer la fiche » from a response (left unchanged).
export const fromResponse: RequestHandler = async (req, res) => {
  const sheet = await createFromResponse(req.user!, String(req.params.id), req.ip);
  await setFlash(req, 'Fiche préparée à partir de la réponse : relisez-la et complétez-la.');
  res.redirect(303, `/moderation/fiches/${sheet._id}`);
};

// GET /moderation/fiches/:id — the editor.
export const edit =
  (deps: SheetsDeps): RequestHandler =>
  async (req, res) => {
    const sheet = await findSheet(req.user!, String(req.params.id));
    await renderEditor(res, deps.editorSections, formOf(sheet as never), sheet);
  };

// POST /moderation/fiches/:id — saves on the revision the form was loaded with.
export const save =
  (deps: SheetsDeps): RequestHandler =>
  async (req, res) => {
    const sheet = await findSheet(req.user!, String(req.params.id));
    const { errors, content, slug, revision, typed } = await editorForm(req, sheet as never);
    if (errors.length) return renderEditor(res, deps.editorSections, typed, sheet, errors);
    try {
      const result = await updateSheet(req.user!, sheet, revision, content, slug);
      if (result.approvalAskedAgain) await notifyAuthor(deps, result.sheet);
      await setFlash(req, savedMessage(result.approvalAskedAgain, sheet.status === 'publiee'));
      res.redirect(303, `/moderation/fiches/${sheet._id}`);
    } catch (error) {
      if (!(error instanceof ConflictError)) throw error;
      const field = error instanceof StaleRevisionError ? 'revision' : 'slug';
      const errors = [{ field, message: error.message }];
      await renderEditor(res, deps.editorSections, typed, sheet, errors, 409);
    }
  };
