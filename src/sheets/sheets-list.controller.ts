import type { Request, RequestHandler, Response } from 'express';
import { setFlash } from '../accounts';
import { errorsByField, readForm, type FieldError, type FormValues } from '../lib/http/form';
import { termsOf } from '../reference';
import { statusLabels } from './sheet.fields';
import { bulkTagFields, readBulkTags } from './sheet.form';
import { bulkTag, listSheets, readSheetQuery, type SheetQuery } from './sheet.service';
import { waitingFor } from './sheet.workflow';

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

// POST /moderation/fiches/etiquettes — a keyword and/or a theme added to the ticked sheets.
export const tagSheets: RequestHandler = async (req, res) => {
  const { values, typed } = await readForm<FormValues>(req, bulkTagFields());
  const { errors, ids, tags } = await readBulkTags(values);
  if (errors.length) return renderList(req, res, errors, typed);
  const count = await bulkTag(req.user!, ids, tags);
  await setFlash(req, `${count} fiche${count > 1 ? 's' : ''} étiquetée${count > 1 ? 's' : ''}.`);
  res.redirect(303, '/moderation/fiches');
};
