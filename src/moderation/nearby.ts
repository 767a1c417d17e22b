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
 * rows instead of every row. Keys are the summaries' own strings and a key found once holds a
 * number, not a list: the index adds little to the rows it points into.
 */
type Positions = Map<string, number | number[]>;
export interface NearbyIndex {
  rows: InboxRow[];
  structures: Positions;
  communes: Positions;
  words: Positions;
}

function add(positions: Positions, key: string, at: number) {
  const held = positions.get(key);
  if (held === undefined) positions.set(key, at);
  else if (typeof held === 'number') {
    if (held !== at) positions.set(key, [held, at]);
  } else if (held[held.length - 1] !== at) held.push(at);
}

export function nearbyIndex(held: Iterable<InboxRow>): NearbyIndex {
  const index: NearbyIndex = {
    rows: [],
    structures: new Map(),
    communes: new Map(),
    words: new Map(),
  };
  for (const row of held) {
    const s = row.summary;
    if (!s) continue;
    const at = index.rows.push(row) - 1;
    if (s.structureKey) add(index.structures, s.structureKey, at);
    for (const code of s.communes ?? []) add(index.communes, code, at);
    for (const word of s.titleWords ?? []) add(index.words, word, at);
  }
  return index;
}

/** The positions of the rows sharing a structure, a commune or a title word with `s`, in order. */
function candidates(index: NearbyIndex, s: ResponseSummary): number[] {
  const found = new Set<number>();
  const take = (positions: Positions, key: string) => {
    const held = positions.get(key);
    if (typeof held === 'number') found.add(held);
    else held?.forEach((at) => found.add(at));
  };
  if (s.structureKey) take(index.structures, s.structureKey);
  for (const code of s.communes ?? []) take(index.communes, code);
  for (const word of s.titleWords ?? []) take(index.words, word);
  return [...found].sort((a, b) => a - b);
}

function reasonsFor(s: ResponseSummary, o: ResponseSummary): string[] {
  const reasons = [];
  if (s.structureKey && o.structureKey === s.structureKey) reasons.push('même structure');
  if (s.communes?.some((code) => o.communes?.includes(code))) reasons.push('même commune');
  if (similarTitles(s.titleWords ?? [], o.titleWords ?? [])) reasons.push('titre proche');
  return reasons;
}

/** Up to ten rows near `s` (most reasons first, then inbox order), `scope` limiting the régions. */
export function nearbyIn(index: NearbyIndex, id: string, s: ResponseSummary, scope?: string[]) {
  const found = [];
  for (const at of candidates(index, s)) {
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
