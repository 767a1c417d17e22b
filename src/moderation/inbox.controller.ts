import type { Request, RequestHandler, Response } from 'express';
import { regionScope } from '../accounts';
import { errorsByField, type FieldError } from '../lib/http/form';
import { departmentsOf, regions } from '../reference';
import { taxonomyOptions } from '../reference';
import { inboxHref, readInboxFilters, sortOptions } from './inbox.filters';
import { inboxPageSize, searchInbox } from './inbox.service';
import { summaryView } from './labels';
import {
  actionLabels,
  moderationStatuses,
  statusLabels,
  statusesLeadingTo,
  type ModerationStatus,
} from './statuses';

/** Statuses a bulk change can move responses to (those some status leads to). */
const bulkTargets = moderationStatuses
  .filter((s) => statusesLeadingTo(s).length > 0)
  .map((s) => ({ value: s, label: actionLabels[s] }));

/**
 * The inbox in the state of `rawQuery`. A refused bulk change re-renders it (422) with its
 * `bulkErrors` above the list.
 */
export async function renderInbox(
  req: Request,
  res: Response,
  rawQuery: unknown,
  bulkErrors: FieldError[] = [],
) {
  const scope = regionScope(req.user!);
  const { form, query, errors: filterErrors } = readInboxFilters(rawQuery);
  const errors = [...filterErrors, ...bulkErrors];
  const result = filterErrors.length ? undefined : await searchInbox(query, scope);
  const pages = result ? Math.max(1, Math.ceil(result.total / inboxPageSize)) : 1;
  const regionChoices = regions().filter((r) => !scope || scope.includes(r.code));
  const all = result ? moderationStatuses.reduce((sum, s) => sum + result.counts[s], 0) : 0;
  const tab = (status: ModerationStatus | '', label: string, count: number) => ({
    label,
    count,
    href: inboxHref(form, { statut: status }),
    current: form.statut === status,
  });
  res.status(bulkErrors.length ? 422 : filterErrors.length ? 400 : 200).render('moderation/inbox', {
    pageTitle: `${errors.length ? 'Erreur : ' : ''}Réponses`,
    form,
    errors,
    listed: filterErrors.length === 0,
    errorFor: errorsByField(errors),
    tabs: [
      tab('', 'Toutes', all),
      ...moderationStatuses.map((s) => tab(s, statusLabels[s], result?.counts[s] ?? 0)),
    ],
    drafts: result?.drafts ?? 0,
    total: result?.total ?? 0,
    rows: (result?.rows ?? []).map((r) => summaryView(r._id, r.summary!, r.fictitious)),
    options: {
      statuses: moderationStatuses.map((s) => ({ value: s, label: statusLabels[s] })),
      regions: regionChoices.map((r) => ({ value: r.code, label: r.name })),
      departments: (form.region
        ? departmentsOf(form.region)
        : regionChoices.flatMap((r) => departmentsOf(r.code))
      ).map((d) => ({ value: d.code, label: `${d.name} (${d.code})` })),
      themes: taxonomyOptions('themes'),
      publics: taxonomyOptions('publics'),
      families: taxonomyOptions('marketFamilies'),
      sorts: sortOptions,
      bulk: bulkTargets,
    },
    here: inboxHref(form, { page: query.page }),
    exportCsv: inboxHref(form, {}, '/moderation/export.csv'),
    exportXlsx: inboxHref(form, {}, '/moderation/export.xlsx'),
    page: query.page,
    pages,
    previous: query.page > 1 ? inboxHref(form, { page: query.page - 1 }) : null,
    next: result && query.page < pages ? inboxHref(form, { page: query.page + 1 }) : null,
  });
}

// GET /moderation — the responses inbox: tabs, filters, sort, pages; every state is a URL.
export const inboxPage: RequestHandler = (req, res) => renderInbox(req, res, req.query);
