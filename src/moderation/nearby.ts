import type { Types } from 'mongoose';
import { fromInboxRows } from './inbox-cache';
import type { InboxRow } from './inbox-row.model';
import { summaryView } from './labels';
import type { ResponseSummary } from '../questionnaire';

const maxNearby = 10;

/** Two titles are similar when they share at least half of the smaller one's telling words. */
export function similarTitles(a: string[], b: string[]): boolean {
  const shared = a.filter((w) => b.includes(w)).length;
  return shared > 0 && shared >= Math.min(a.length, b.length) / 2;
}

/**
 * The sent responses' rows in inbox order, and where each structure, commune and title word
 * occurs: a response can only be near one sharing at least one of them, so a review reads those
 * rows instead of every row.
 */
export interface NearbyIndex {
  rows: InboxRow[];
  byKey: Map<string, number[]>;
}

export function nearbyIndex(held: Iterable<InboxRow>): NearbyIndex {
  const rows: InboxRow[] = [];
  const byKey = new Map<string, number[]>();
  const add = (key: string, at: number) => {
    const list = byKey.get(key);
    if (!list) byKey.set(key, [at]);
    else if (list[list.length - 1] !== at) list.push(at);
  };
  for (const row of held) {
    const s = row.summary;
    if (!s) continue;
    const at = rows.push(row) - 1;
    for (const key of keysOf(s)) add(key, at);
  }
  return { rows, byKey };
}

const keysOf = (s: ResponseSummary) => [
  ...(s.structureKey ? [`s:${s.structureKey}`] : []),
  ...(s.communes ?? []).map((code) => `c:${code}`),
  ...(s.titleWords ?? []).map((word) => `w:${word}`),
];

function reasonsFor(s: ResponseSummary, o: ResponseSummary): string[] {
  const reasons = [];
  if (s.structureKey && o.structureKey === s.structureKey) reasons.push('même structure');
  if (s.communes?.some((code) => o.communes?.includes(code))) reasons.push('même commune');
  if (similarTitles(s.titleWords ?? [], o.titleWords ?? [])) reasons.push('titre proche');
  return reasons;
}

/** Up to ten rows near `s` (most reasons first, then inbox order), `scope` limiting the régions. */
export function nearbyIn(index: NearbyIndex, id: string, s: ResponseSummary, scope?: string[]) {
  const candidates = new Set<number>();
  for (const key of keysOf(s)) for (const at of index.byKey.get(key) ?? []) candidates.add(at);
  const found = [];
  for (const at of [...candidates].sort((a, b) => a - b)) {
    const row = index.rows[at];
    const o = row.summary!;
    if (row._id === id || (scope && !scope.includes(o.region))) continue;
    const reasons = reasonsFor(s, o);
    if (reasons.length) found.push({ row, reasons });
  }
  return found
    .sort((a, b) => b.reasons.length - a.reasons.length)
    .slice(0, maxNearby)
    .map(({ row, reasons }) => ({
      ...summaryView(row._id, row.summary!, row.fictitious),
      reasons,
    }));
}

const heldIndex = fromInboxRows((held) => nearbyIndex(held.values()));

/**
 * « Réponses proches », to catch duplicates: sent responses of the moderator's régions of the
 * same structure, of a commune in common, or with a similar title (from the in-memory inbox rows).
 */
export async function nearbyResponses(id: Types.ObjectId, s: ResponseSummary, scope?: string[]) {
  return nearbyIn(await heldIndex(''), String(id), s, scope);
}
