import { ResponseModel, type SurveyResponse } from '../questionnaire/response.model';
import type { InboxQuery, SortKey } from './inbox.filters';
import { scopeFilter } from './status.service';
import { searchKey } from './summary';
import { moderationStatuses, type ModerationStatus } from './statuses';

export const inboxPageSize = 25;

const escapeRegex = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

const sorts: Record<SortKey, Record<string, 1 | -1>> = {
  recent: { 'summary.submittedAt': -1, _id: -1 },
  ancien: { 'summary.submittedAt': 1, _id: 1 },
  titre: { 'summary.titleKey': 1, _id: 1 },
  structure: { 'summary.structureKey': 1, _id: 1 },
  region: { 'summary.region': 1, 'summary.submittedAt': -1, _id: -1 },
};

/**
 * The database filter of an inbox state: summary fields only (indexed), the moderator's régions
 * always applied. `status: undefined` means every sent response (drafts have no summary).
 */
export function inboxFilter(
  query: Omit<InboxQuery, 'sort' | 'page'>,
  scope?: string[],
): Record<string, unknown> {
  const filter: Record<string, unknown> = {
    'summary.status': query.status ?? { $in: [...moderationStatuses] },
    ...scopeFilter(scope),
  };
  if (query.region) {
    filter['summary.region'] = !scope || scope.includes(query.region) ? query.region : { $in: [] };
  }
  if (query.department) filter['summary.department'] = query.department;
  if (query.theme) filter['summary.themes'] = query.theme;
  if (query.public) filter['summary.publics'] = query.public;
  if (query.family) filter['summary.marketFamilies'] = query.family;
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

/** One page of the inbox, its total, the count of each status tab and of hidden drafts. */
export async function searchInbox(query: InboxQuery, scope?: string[]) {
  const filter = inboxFilter(query, scope);
  const withoutStatus = { ...query, status: undefined };
  const [rows, total, tabCounts, drafts] = await Promise.all([
    ResponseModel.find(filter, { summary: 1, fictitious: 1 })
      .sort(sorts[query.sort])
      .skip((query.page - 1) * inboxPageSize)
      .limit(inboxPageSize)
      .lean<InboxRow[]>(),
    ResponseModel.countDocuments(filter),
    Promise.all(
      moderationStatuses.map((status) =>
        ResponseModel.countDocuments(inboxFilter({ ...withoutStatus, status }, scope)),
      ),
    ),
    ResponseModel.countDocuments({
      status: 'brouillon',
      ...(scope && { 'answers.territoire.region': { $in: scope } }),
    }),
  ]);
  const counts = Object.fromEntries(moderationStatuses.map((s, i) => [s, tabCounts[i]])) as Record<
    ModerationStatus,
    number
  >;
  return { rows, total, counts, drafts };
}
