import { codesFor } from '../reference';
import { inboxRows } from './inbox-cache';
import type { InboxRow } from './inbox-row.model';
import type { InboxQuery, SortKey } from './inbox.filters';
import { searchKey, type ResponseSummary } from '../questionnaire';
import { isModerationStatus, moderationStatuses, type ModerationStatus } from './statuses';

export const inboxPageSize = 25;

export type InboxFilters = Omit<InboxQuery, 'sort' | 'page'>;
/** A sent response's row (drafts have no summary). */
export type SentRow = InboxRow & { summary: ResponseSummary };

const anyOf = (values: string[] | undefined, codes: string[] | undefined) =>
  !codes || (values ?? []).some((v) => codes.includes(v));

/**
 * Whether a sent response's summary matches an inbox state's filters (status apart), the
 * moderator's régions always applied. Text matches part of the title or structure (lower case,
 * without accents) or of the reference.
 */
async function summaryMatcher(query: InboxFilters, scope?: string[]) {
  // A term merged into another (taxonomy admin) stays on older responses: both are found.
  const [themes, publics, families] = await Promise.all([
    query.theme ? codesFor('themes', query.theme) : undefined,
    query.public ? codesFor('publics', query.public) : undefined,
    query.family ? codesFor('marketFamilies', query.family) : undefined,
  ]);
  const key = query.text ? searchKey(query.text) : '';
  const reference = query.text?.toUpperCase() ?? '';
  return (s: ResponseSummary) =>
    isModerationStatus(s.status) &&
    (!scope || scope.includes(s.region)) &&
    (!query.region || s.region === query.region) &&
    (!query.department || s.department === query.department) &&
    anyOf(s.themes, themes) &&
    anyOf(s.publics, publics) &&
    anyOf(s.marketFamilies, families) &&
    (!query.text ||
      (key !== '' && (s.titleKey.includes(key) || s.structureKey.includes(key))) ||
      s.reference.includes(reference));
}

/**
 * The sent responses matching an inbox state's filters except the status (each tab counts its
 * own), and the drafts of the moderator's régions: filtered here from the in-memory rows.
 */
async function matching(query: InboxFilters, scope?: string[]) {
  const [rows, matches] = await Promise.all([inboxRows(), summaryMatcher(query, scope)]);
  const sent: SentRow[] = [];
  let drafts = 0;
  for (const row of rows.values()) {
    if (row.summary) {
      if (matches(row.summary)) sent.push(row as SentRow);
    } else if (!scope || scope.includes(row.draftRegion ?? '')) {
      drafts += 1;
    }
  }
  return { sent, drafts };
}

const byDate = (a: SentRow, b: SentRow) =>
  a.summary.submittedAt.getTime() - b.summary.submittedAt.getTime() || a._id.localeCompare(b._id);
const byText = (key: 'titleKey' | 'structureKey' | 'region') => (a: SentRow, b: SentRow) =>
  (a.summary[key] ?? '').localeCompare(b.summary[key] ?? '') || byDate(b, a);
const sorts: Record<SortKey, (a: SentRow, b: SentRow) => number> = {
  recent: (a, b) => byDate(b, a),
  ancien: byDate,
  titre: byText('titleKey'),
  structure: byText('structureKey'),
  region: byText('region'),
};

/** The ids of the responses of an inbox state, oldest first (exports). */
export async function matchingIds(query: InboxFilters, scope?: string[]): Promise<string[]> {
  const { sent } = await matching(query, scope);
  return sent
    .filter((r) => !query.status || r.summary.status === query.status)
    .sort(sorts.ancien)
    .map((r) => r._id);
}

/** One page of the inbox, its total, the count of each status tab and of hidden drafts. */
export async function searchInbox(query: InboxQuery, scope?: string[]) {
  const { sent, drafts } = await matching(query, scope);
  const counts = Object.fromEntries(moderationStatuses.map((s) => [s, 0])) as Record<
    ModerationStatus,
    number
  >;
  for (const r of sent) counts[r.summary.status] += 1;
  const listed = query.status ? sent.filter((r) => r.summary.status === query.status) : sent;
  const start = (query.page - 1) * inboxPageSize;
  return {
    rows: listed.sort(sorts[query.sort]).slice(start, start + inboxPageSize),
    total: listed.length,
    counts,
    drafts,
  };
}
