import type { Types } from 'mongoose';
import { inboxRows } from './inbox-cache';
import { summaryView } from './labels';
import type { ResponseSummary } from '../questionnaire';

const maxNearby = 10;

/** Two titles are similar when they share at least half of the smaller one's telling words. */
export function similarTitles(a: string[], b: string[]): boolean {
  const shared = a.filter((w) => b.includes(w)).length;
  return shared > 0 && shared >= Math.min(a.length, b.length) / 2;
}

/**
 * « Réponses proches », to catch duplicates: sent responses of the moderator's régions of the
 * same structure, of a commune in common, or with a similar title (from the in-memory inbox rows).
 */
export async function nearbyResponses(id: Types.ObjectId, s: ResponseSummary, scope?: string[]) {
  const nearby = [];
  for (const row of (await inboxRows()).values()) {
    const o = row.summary;
    if (!o || row._id === String(id) || (scope && !scope.includes(o.region))) continue;
    const reasons = [
      ...(s.structureKey && o.structureKey === s.structureKey ? ['même structure'] : []),
      ...(s.communes?.some((code) => o.communes?.includes(code)) ? ['même commune'] : []),
      ...(similarTitles(s.titleWords ?? [], o.titleWords ?? []) ? ['titre proche'] : []),
    ];
    if (reasons.length) nearby.push({ ...summaryView(row._id, o, row.fictitious), reasons });
  }
  return nearby.sort((a, b) => b.reasons.length - a.reasons.length).slice(0, maxNearby);
}
