import type { Types } from 'mongoose';
import { ResponseModel } from '../questionnaire/response.model';
import type { InboxRow } from './inbox.service';
import { summaryView } from './labels';
import { scopeFilter } from './status.service';
import type { ResponseSummary } from './summary';

const maxNearby = 10;

/** Two titles are similar when they share at least half of the smaller one's telling words. */
export function similarTitles(a: string[], b: string[]): boolean {
  const shared = a.filter((w) => b.includes(w)).length;
  return shared > 0 && shared >= Math.min(a.length, b.length) / 2;
}

/**
 * « Réponses proches », to catch duplicates: responses of the same structure, of a commune in
 * common, or with a similar title (indexed summary fields; similarity decided here).
 */
export async function nearbyResponses(id: Types.ObjectId, s: ResponseSummary, scope?: string[]) {
  const or: Array<Record<string, unknown>> = [];
  if (s.structureKey) or.push({ 'summary.structureKey': s.structureKey });
  if (s.communes?.length) or.push({ 'summary.communes': { $in: s.communes } });
  if (s.titleWords?.length) or.push({ 'summary.titleWords': { $in: s.titleWords } });
  if (or.length === 0) return [];
  const candidates = await ResponseModel.find(
    { _id: { $ne: id }, 'summary.status': { $exists: true }, ...scopeFilter(scope), $or: or },
    { summary: 1, fictitious: 1 },
  )
    .limit(100)
    .lean<InboxRow[]>();
  return candidates
    .map((c) => {
      const o = c.summary!;
      const reasons = [
        ...(s.structureKey && o.structureKey === s.structureKey ? ['même structure'] : []),
        ...(s.communes?.some((code) => o.communes?.includes(code)) ? ['même commune'] : []),
        ...(similarTitles(s.titleWords ?? [], o.titleWords ?? []) ? ['titre proche'] : []),
      ];
      return { ...summaryView(c._id, o, c.fictitious), reasons };
    })
    .filter((c) => c.reasons.length > 0)
    .sort((a, b) => b.reasons.length - a.reasons.length)
    .slice(0, maxNearby);
}
