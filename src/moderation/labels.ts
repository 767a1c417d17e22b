import { department, region } from '../reference';
import { taxonomyLabel } from '../reference';
import type { ResponseSummary } from '../questionnaire';
import { statusLabels, statusTags, type ModerationStatus } from './statuses';

/** French wording of a summary's codes, for pages and exports. */
export const regionName = (code: string) => (code ? (region(code)?.name ?? code) : '');
export const departmentName = (code: string) =>
  code ? `${department(code)?.name ?? code} (${code})` : '';
export const actorTypeLabel = (code: string) => (code ? taxonomyLabel('actorTypes', code) : '');
export const themeLabels = (codes: string[]) => codes.map((c) => taxonomyLabel('themes', c));

export function statusView(status: ModerationStatus) {
  return { code: status, label: statusLabels[status], tag: statusTags[status] };
}

/** One inbox row or « réponse proche »: the summary in words. */
export function summaryView(id: unknown, s: ResponseSummary, fictitious = false) {
  return {
    fictitious,
    id: String(id),
    href: `/moderation/reponses/${String(id)}`,
    reference: s.reference,
    submittedAt: s.submittedAt,
    title: s.title || 'Sans titre',
    structure: s.structure,
    actorType: actorTypeLabel(s.actorType),
    region: regionName(s.region),
    themes: themeLabels(s.themes ?? []),
    status: statusView(s.status),
  };
}
