import { Types } from 'mongoose';
import { record } from '../audit';
import { inRegionScope, regionFilter, regionScope, type SessionUser } from '../accounts';
import { bumpContentVersion } from '../lib/content-version';
import { ConflictError, NotFoundError } from '../lib/errors';
import { queryPage, queryValue } from '../lib/http/query-string';
import { sheetsInScope, type SheetEntry } from './sheet-index';
import { SheetModel, type SheetStatus, sheetStatuses } from './sheet.model';
import { ResponseModel, type SurveyResponse } from '../questionnaire';
import { consentsWithoutReview, prefillFromResponse, type SheetContent } from './sheet.prefill';
import { freeSlug, slugTaken } from './sheet.slug';
import { recordVersion, snapshotOf } from './sheet.versions';
import { updateSheetsOneByOne } from './sheet.bulk';

export type Sheet = Awaited<ReturnType<typeof findSheet>>;

const idFilter = (id: string) => {
  if (!Types.ObjectId.isValid(id)) throw new NotFoundError('Cette fiche n’existe pas');
  return new Types.ObjectId(id);
};

/** The région filter of a user (another région's sheet is simply not found). */
export const scopeFilter = (user: SessionUser) => regionFilter(user, 'region');

/**
 * Whether a sheet's details may be shown to a user who meets it through another object (a
 * meeting's programme, the recueil's contents): their région's sheets, and any published one.
 */
export const sheetShownTo = (user: SessionUser, sheet: { region: string; status: string }) =>
  sheet.status === 'publiee' || inRegionScope(user, sheet.region);

export async function findSheet(user: SessionUser, id: string) {
  const sheet = await SheetModel.findOne({ _id: idFilter(id), ...scopeFilter(user) }).lean();
  if (!sheet) throw new NotFoundError('Cette fiche n’existe pas');
  return sheet;
}

export interface SheetQuery {
  status?: SheetStatus;
  q?: string;
  page: number;
}

/** Reads the list's filters from the query string through an allow-list. */
export function readSheetQuery(query: unknown): SheetQuery {
  const status = sheetStatuses.find((s) => s === queryValue(query, 'statut'));
  const q = queryValue(query, 'q', 1000)?.slice(0, 100) ?? '';
  return { ...(status && { status }), ...(q && { q }), page: queryPage(query) };
}

/** Sheets per page of the back-office list. */
export const sheetsPageSize = 100;

const escapeRegex = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * One page of the user's sheets filtered by status and text, last modified first (from the sheet
 * index), with how many match in all and the number of pages.
 */
export async function listSheets(user: SessionUser, query: SheetQuery) {
  const re = query.q ? new RegExp(escapeRegex(query.q), 'i') : undefined;
  const time = (s: SheetEntry) => s.updatedAt?.getTime() ?? 0;
  const matching = (await sheetsInScope(user)).filter(
    (s) =>
      (!query.status || s.status === query.status) &&
      (!re ||
        [s.title, s.structureName, s.slug, ...s.keywords].some((text) => re.test(text ?? ''))),
  );
  const pages = Math.max(1, Math.ceil(matching.length / sheetsPageSize));
  const page = Math.min(query.page, pages);
  const start = (page - 1) * sheetsPageSize;
  return {
    total: matching.length,
    page,
    pages,
    sheets: matching.sort((a, b) => time(b) - time(a)).slice(start, start + sheetsPageSize),
  };
}

async function insertSheet(
  content: Partial<SheetContent>,
  extra: Record<string, unknown>,
  by: SessionUser,
  ip?: string,
) {
  const slug = await freeSlug(content.title || 'fiche');
  const created = await SheetModel.create({ ...content, ...extra, slug, status: 'brouillon' });
  const sheet = created.toObject();
  await recordVersion(sheet as never, 'creation', by);
  await record({
    actor: by,
    action: 'sheet.created',
    target: { type: 'fiche', id: String(sheet._id), label: sheet.title },
    ...(sheet.origin?.reference && { details: { reference: sheet.origin.reference } }),
    ip,
  });
  return sheet;
}

const toComplete = 'À compléter';

/**
 * « Préparer la fiche »: a new sheet pre-filled from a sent response. The response is only read.
 * Several sheets may come from one response.
 */
export async function createFromResponse(user: SessionUser, responseId: string, ip?: string) {
  const scope = regionScope(user);
  const response = await ResponseModel.findOne({
    _id: idFilter(responseId),
    status: 'envoyee',
    ...(scope && { 'answers.territoire.region': { $in: scope } }),
  }).lean<SurveyResponse>();
  if (!response) throw new NotFoundError('Cette réponse n’existe pas ou n’a pas été envoyée');
  const content = prefillFromResponse(response);
  for (const key of [
    'title',
    'summary',
    'structureName',
    'actorType',
    'region',
    'department',
  ] as const) {
    if (!content[key]) content[key] = toComplete;
  }
  return insertSheet(
    content,
    {
      origin: { kind: 'reponse', responseId: response._id, reference: response.reference },
      approval: { required: !consentsWithoutReview(response), state: 'aucune' },
    },
    user,
    ip,
  );
}

/** A sheet written from scratch (a practice presented orally): no author approval needed. */
export async function createBlank(user: SessionUser, content: Partial<SheetContent>, ip?: string) {
  const origin = { origin: { kind: 'libre' }, approval: { required: false } };
  return insertSheet(content, origin, user, ip);
}

export class StaleRevisionError extends ConflictError {
  constructor() {
    super(
      'Quelqu’un a enregistré cette fiche pendant que vous la modifiiez : vos modifications n’ont pas été enregistrées. Rechargez la fiche pour voir la nouvelle version, puis refaites vos changements.',
    );
  }
}

/** Approval asked again after an edit: an approval applies to one revision only. */
function approvalAfterEdit(sheet: Sheet, nextRevision: number): Record<string, unknown> {
  const state = sheet.approval?.state;
  if (!sheet.approval?.required || (state !== 'validee' && state !== 'demandee')) return {};
  return {
    'approval.state': 'demandee',
    'approval.revision': nextRevision,
    'approval.requestedAt': new Date(),
    // Nothing the author has not approved stays public: a published sheet waits again.
    ...((sheet.status === 'validee' || sheet.status === 'publiee') && { status: 'en-attente' }),
  };
}

/**
 * Saves the editor's content on `{_id, revision}`: of two saves sent at once, one wins and the
 * other gets StaleRevisionError. A new slug keeps the old one in `slugHistory` (301 from it).
 */
export async function updateSheet(
  user: SessionUser,
  sheet: Sheet,
  revision: number,
  content: Partial<SheetContent>,
  slug: string,
) {
  const newSlug = slug || sheet.slug;
  if (newSlug !== sheet.slug && (await slugTaken(newSlug, sheet._id))) {
    throw new ConflictError('Cette adresse est déjà utilisée par une autre fiche');
  }
  // Nested groups field by field: the editor shows only some key figures, the others stay.
  const { results, contact, ...flat } = content;
  const $set: Record<string, unknown> = {
    ...flat,
    ...Object.fromEntries(Object.entries(results ?? {}).map(([k, v]) => [`results.${k}`, v])),
    ...Object.fromEntries(Object.entries(contact ?? {}).map(([k, v]) => [`contact.${k}`, v])),
    ...approvalAfterEdit(sheet, revision + 1),
  };
  if (newSlug !== sheet.slug) {
    $set.slug = newSlug;
    $set.slugHistory = [...sheet.slugHistory.filter((s) => s !== newSlug), sheet.slug];
  }
  const $unset = Object.fromEntries(
    Object.entries($set)
      .filter(([, v]) => v === undefined)
      .map(([k]) => [k, '']),
  );
  for (const k of Object.keys($unset)) delete $set[k];
  const updated = await SheetModel.findOneAndUpdate(
    { _id: sheet._id, revision, ...scopeFilter(user) },
    { $set, ...(Object.keys($unset).length && { $unset }), $inc: { revision: 1 } },
    { returnDocument: 'after' },
  ).lean();
  if (!updated) throw new StaleRevisionError();
  if (updated.status === 'publiee' || sheet.status === 'publiee') await bumpContentVersion();
  await recordVersion(updated as never, 'modification', user, snapshotOf(sheet));
  return {
    sheet: updated,
    approvalAskedAgain:
      updated.approval?.state === 'demandee' && sheet.approval?.state === 'validee',
  };
}

/** Adds a free keyword and/or a theme to several sheets at once (the user's régions only). */
export async function bulkTag(
  user: SessionUser,
  ids: string[],
  tags: { keyword?: string; theme?: string },
): Promise<number> {
  const $addToSet: Record<string, string> = {};
  if (tags.keyword) $addToSet.keywords = tags.keyword;
  if (tags.theme) $addToSet.themes = tags.theme;
  const sheets = [...new Set(ids)].map((id) => new Types.ObjectId(id));
  return updateSheetsOneByOne(sheets, { $addToSet }, scopeFilter(user));
}
