import type { Request, RequestHandler, Response } from 'express';
import { errorsByField, type FieldError } from '../lib/http/validate';
import { termsOf } from '../reference';
import { inRegionScope, setFlash, type SessionUser } from '../accounts';
import { ConflictError } from '../lib/errors';
import { statusLabels } from './sheet.fields';
import { formOf, readBulkTags, readSheetForm, typedForm } from './sheet.form';
import { renderEditor } from './sheet.editor';
import {
  bulkTag,
  createBlank,
  createFromResponse,
  findSheet,
  listSheets,
  readSheetQuery,
  StaleRevisionError,
  updateSheet,
} from './sheet.service';
import { notifyAuthor, waitingFor, type SheetsDeps } from './sheet.workflow';
import { record } from '../audit';

const scopeOf = (user: SessionUser) => (region: string) => inRegionScope(user, region);

export function sheetsController(deps: SheetsDeps) {
  const renderList = async (req: Request, res: Response, errors: FieldError[] = []) => {
    const query = readSheetQuery(req.query);
    const sheets = await listSheets(req.user!, query);
    res.status(errors.length ? 422 : 200).render('sheets/list', {
      pageTitle: 'Fiches pratiques',
      query,
      statusLabels,
      errors,
      errorFor: errorsByField(errors),
      form: typedForm(req.body),
      themeOptions: (await termsOf('themes')).filter((t) => !t.retired),
      sheets: sheets.map((s) => ({
        ...s,
        statusLabel: statusLabels[s.status as keyof typeof statusLabels],
        waiting: waitingFor(s),
      })),
    });
  };

  // GET /moderation/fiches — every sheet of the user's régions, filtered by status and text.
  const list: RequestHandler = (req, res) => renderList(req, res);

  // POST /moderation/fiches/etiquettes — a keyword and/or a theme added to the ticked sheets.
  const tag: RequestHandler = async (req, res) => {
    const { errors, ids, tags } = await readBulkTags(req.body);
    if (errors.length) return renderList(req, res, errors);
    const count = await bulkTag(req.user!, ids, tags);
    await setFlash(req, `${count} fiche${count > 1 ? 's' : ''} étiquetée${count > 1 ? 's' : ''}.`);
    res.redirect(303, '/moderation/fiches');
  };

  // GET /moderation/fiches/nouvelle — a sheet written from scratch.
  const showNew: RequestHandler = (_req, res) => renderEditor(res, deps.editorSections, formOf({}));

  // POST /moderation/fiches/nouvelle
  const create: RequestHandler = async (req, res) => {
    const { errors, content } = await readSheetForm(req.body, scopeOf(req.user!));
    if (errors.length)
      return renderEditor(res, deps.editorSections, typedForm(req.body), undefined, errors);
    const sheet = await createBlank(req.user!, content);
    await record({
      actor: req.user!,
      action: 'sheet.created',
      target: { type: 'fiche', id: String(sheet._id), label: sheet.title },
      ip: req.ip,
    });
    await setFlash(req, 'Fiche créée.');
    res.redirect(303, `/moderation/fiches/${sheet._id}`);
  };

  // POST /moderation/reponses/:id/fiche — « Préparer la fiche » from a response (left unchanged).
  const fromResponse: RequestHandler = async (req, res) => {
    const sheet = await createFromResponse(req.user!, String(req.params.id));
    await record({
      actor: req.user!,
      action: 'sheet.created',
      target: { type: 'fiche', id: String(sheet._id), label: sheet.title },
      details: { reference: sheet.origin?.reference ?? null },
      ip: req.ip,
    });
    await setFlash(req, 'Fiche préparée à partir de la réponse : relisez-la et complétez-la.');
    res.redirect(303, `/moderation/fiches/${sheet._id}`);
  };

  // GET /moderation/fiches/:id — the editor.
  const edit: RequestHandler = async (req, res) => {
    const sheet = await findSheet(req.user!, String(req.params.id));
    await renderEditor(res, deps.editorSections, formOf(sheet as never), sheet);
  };

  // POST /moderation/fiches/:id — saves on the revision the form was loaded with.
  const save: RequestHandler = async (req, res) => {
    const sheet = await findSheet(req.user!, String(req.params.id));
    const { errors, content, slug, revision } = await readSheetForm(
      req.body,
      scopeOf(req.user!),
      sheet as never,
    );
    const form = typedForm(req.body);
    if (errors.length) return renderEditor(res, deps.editorSections, form, sheet, errors);
    try {
      const result = await updateSheet(req.user!, sheet, revision, content, slug);
      if (result.approvalAskedAgain) await notifyAuthor(deps, result.sheet);
      await setFlash(
        req,
        result.approvalAskedAgain
          ? `Fiche enregistrée. Elle avait été validée : sa nouvelle version est renvoyée à l’auteur pour validation${sheet.status === 'publiee' ? ' et n’est plus publiée en attendant' : ''}.`
          : 'Fiche enregistrée.',
      );
      res.redirect(303, `/moderation/fiches/${sheet._id}`);
    } catch (error) {
      if (!(error instanceof ConflictError)) throw error;
      const field = error instanceof StaleRevisionError ? 'revision' : 'slug';
      await renderEditor(
        res,
        deps.editorSections,
        form,
        sheet,
        [{ field, message: error.message }],
        409,
      );
    }
  };

  return { list, tag, showNew, create, fromResponse, edit, save };
}
