import type { Request, RequestHandler, Response } from 'express';
import { setFlash } from '../accounts';
import { ConflictError, NotFoundError } from '../lib/errors';
import {
  errorsByField,
  listField,
  readForm,
  type FieldError,
  type FormValues,
} from '../lib/http/form';
import { termsOf } from '../reference';
import { statusLabels } from './sheet.fields';
import { bulkTagFields, readBulkTags } from './sheet.form';
import { bulkTag, findSheet, listSheets, readSheetQuery, type SheetQuery } from './sheet.service';
import { publish, waitingFor } from './sheet.workflow';

/** The list's address with its filters, at `page`. */
function listHref(query: SheetQuery, page: number) {
  const params = new URLSearchParams();
  if (query.status) params.set('statut', query.status);
  if (query.q) params.set('q', query.q);
  if (page > 1) params.set('page', String(page));
  const search = params.toString();
  return `/moderation/fiches${search ? `?${search}` : ''}`;
}

async function renderList(
  req: Request,
  res: Response,
  errors: FieldError[] = [],
  form: FormValues = {},
) {
  const query = readSheetQuery(req.query);
  const { sheets, total, page, pages } = await listSheets(req.user!, query);
  res.status(errors.length ? 422 : 200).render('sheets/list', {
    pageTitle: pages > 1 ? `Fiches pratiques, page ${page} sur ${pages}` : 'Fiches pratiques',
    query,
    total,
    page,
    pages,
    previous: page > 1 ? listHref(query, page - 1) : null,
    next: page < pages ? listHref(query, page + 1) : null,
    statusLabels,
    errors,
    errorFor: errorsByField(errors),
    form,
    themeOptions: (await termsOf('themes')).filter((t) => !t.retired),
    sheets: sheets.map((s) => ({
      ...s,
      statusLabel: statusLabels[s.status as keyof typeof statusLabels],
      waiting: waitingFor(s),
    })),
  });
}

// GET /moderation/fiches — every sheet of the user's régions, filtered by status and text.
export const listSheetsPage: RequestHandler = (req, res) => renderList(req, res);

// POST /moderation/fiches/publication — the ticked sheets published, each as its own button would.
export const publishSheets: RequestHandler = async (req, res) => {
  const { values, typed } = await readForm<FormValues>(req, [listField('ids')]);
  const ids = [values.ids ?? []].flat().filter((id) => /^[a-f0-9]{24}$/.test(id));
  if (!ids.length) {
    return renderList(req, res, [{ field: 'ids', message: 'Cochez au moins une fiche' }], typed);
  }
  const refused: string[] = [];
  let published = 0;
  for (const id of new Set(ids)) {
    // A sheet outside the user's régions is not theirs to publish: passed over, as the list
    // would not show it.
    const sheet = await findSheet(req.user!, id).catch((error: unknown) => {
      if (error instanceof NotFoundError) return null;
      throw error;
    });
    if (!sheet || sheet.status === 'publiee') continue;
    try {
      await publish(req.user!, sheet, sheet.revision, req.ip);
      published += 1;
    } catch (error) {
      if (!(error instanceof ConflictError)) throw error;
      refused.push(`« ${sheet.title} » (${error.message})`);
    }
  }
  const done = `${published} fiche${published > 1 ? 's' : ''} publiée${published > 1 ? 's' : ''}.`;
  await setFlash(req, refused.length ? `${done} Non publiées : ${refused.join(' ; ')}` : done);
  res.redirect(303, '/moderation/fiches');
};

// POST /moderation/fiches/etiquettes — a keyword and/or a theme added to the ticked sheets.
export const tagSheets: RequestHandler = async (req, res) => {
  const { values, typed } = await readForm<FormValues>(req, bulkTagFields());
  const { errors, ids, tags } = await readBulkTags(values);
  if (errors.length) return renderList(req, res, errors, typed);
  const count = await bulkTag(req.user!, ids, tags);
  await setFlash(req, `${count} fiche${count > 1 ? 's' : ''} étiquetée${count > 1 ? 's' : ''}.`);
  res.redirect(303, '/moderation/fiches');
};
