import { ResponseModel, type SurveyResponse } from '../questionnaire/response.model';
import { codesFor } from '../taxonomy/taxonomy.service';
import type { InboxQuery, SortKey } from './inbox.filters';
import { scopeFilter } from './status.service';
import { searchKey } from './summary';
import { moderationStatuses, type ModerationStatus } from './statuses';

export const inboxPageSize = 25;

const escapeRegex = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * The database filter of an inbox state: summary fields only (indexed), the moderator's régions
 * always applied. `status: undefined` means every sent response (drafts have no summary).
 */
export async function inboxFilter(
  query: Omit<InboxQuery, 'sort' | 'page'>,
  scope?: string[],
): Promise<Record<string, unknown>> {
  const filter: Record<string, unknown> = {
    'summary.status': query.status ?? { $in: [...moderationStatuses] },
    ...scopeFilter(scope),
  };
  if (query.region) {
    filter['summary.region'] = !scope || scope.includes(query.region) ? query.region : { $in: [] };
  }
  if (query.department) filter['summary.department'] = query.department;
  // A term merged into another (taxonomy admin) stays on older responses: both are found.
  if (query.theme) filter['summary.themes'] = { $in: await codesFor('themes', query.theme) };
  if (query.public) filter['summary.publics'] = { $in: await codesFor('publics', query.public) };
  if (query.family) {
    filter['summary.marketFamilies'] = { $in: await codesFor('marketFamilies', query.family) };
  }
  if (query.text) {
    const key = escapeRegex(searchKey(query.text));
    filter.$or = [
      ...(key
        ? [{ 'summary.titleKey': { $regex: key } }, { 'summary.structureKey': { $regex: key } }]
        : []),
      { 'summary.reference': { $regex: escapeRegex(query.text.toUpperCase()) } },
    ];
  }
  return filter;
}

export type InboxRow = Pick<SurveyResponse, '_id' | 'summary' | 'fictitious'>;

const byDate = (a: InboxRow, b: InboxRow) =>
  a.summary!.submittedAt.getTime() - b.summary!.submittedAt.getTime() ||
  String(a._id).localeCompare(String(b._id));
const byText = (key: 'titleKey' | 'structureKey' | 'region') => (a: InboxRow, b: InboxRow) =>
  (a.summary![key] ?? '').localeCompare(b.summary![key] ?? '') || byDate(b, a);
const sorts: Record<SortKey, (a: InboxRow, b: InboxRow) => number> = {
  recent: (a, b) => byDate(b, a),
  ancien: byDate,
  titre: byText('titleKey'),
  structure: byText('structureKey'),
  region: byText('region'),
};

/**
 * One page of the inbox, its total, the count of each status tab and of hidden drafts — from ONE
 * read of the small summaries (FerretDB scans the collection for each query it is sent: eight
 * counts would be eight scans), counted, sorted and cut into pages here.
 */
export async function searchInbox(query: InboxQuery, scope?: string[]) {
  const drafts: Record<string, unknown> = {
    status: 'brouillon',
    ...(scope && { 'answers.territoire.region': { $in: scope } }),
  };
  const found = await ResponseModel.find(
    { $or: [await inboxFilter({ ...query, status: undefined }, scope), drafts] },
    { summary: 1, fictitious: 1, status: 1 },
  ).lean<Array<InboxRow & Pick<SurveyResponse, 'status'>>>();
  const sent = found.filter((r) => r.summary?.status);
  const counts = Object.fromEntries(
    moderationStatuses.map((s) => [s, sent.filter((r) => r.summary!.status === s).length]),
  ) as Record<ModerationStatus, number>;
  const listed = query.status ? sent.filter((r) => r.summary!.status === query.status) : sent;
  const start = (query.page - 1) * inboxPageSize;
  return {
    rows: listed.sort(sorts[query.sort]).slice(start, start + inboxPageSize),
    total: listed.length,
    counts,
    drafts: found.length - sent.length,
  };
}
