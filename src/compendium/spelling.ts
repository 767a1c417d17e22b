import { fold, indexTerm, tokenize } from './french-text';
import type { IndexedDoc } from './search-index';

/**
 * The words of the published sheets, to correct a query's typos: « cahntier » (two letters
 * swapped, which the index's fuzzy match counts as two edits) is read « chantier ». Words are
 * folded (case and accents); each keeps how often it appears, the most frequent wins a tie.
 */
export interface Vocabulary {
  /** Folded word → occurrences, by word length (a typo changes the length by one at most). */
  byLength: Map<number, Map<string, number>>;
  /** Index terms present, sorted: a query word whose term starts one of them is no typo. */
  terms: string[];
  /** Folded word → how the sheets write it (« ecole » → « école »). */
  written: Map<string, string>;
}

/** Shorter words are left as typed: one edit turns them into too many other words. */
const minLength = 4;

export function buildVocabulary(docs: readonly IndexedDoc[]): Vocabulary {
  const vocabulary: Vocabulary = { byLength: new Map(), terms: [], written: new Map() };
  const terms = new Set<string>();
  for (const doc of docs) {
    for (const word of tokenize(
      `${doc.title} ${doc.summary} ${doc.body} ${doc.place} ${doc.tags}`,
    )) {
      const term = indexTerm(word);
      if (!term) continue;
      terms.add(term);
      const folded = fold(word);
      if (folded.length < minLength || /\d/.test(folded)) continue;
      const words = vocabulary.byLength.get(folded.length) ?? new Map<string, number>();
      words.set(folded, (words.get(folded) ?? 0) + 1);
      if (!vocabulary.written.has(folded)) vocabulary.written.set(folded, word.toLowerCase());
      vocabulary.byLength.set(folded.length, words);
    }
  }
  vocabulary.terms = [...terms].sort();
  return vocabulary;
}

/** Whether a term is one of the sheets' or the start of one (the index matches prefixes). */
function known(term: string, terms: readonly string[]): boolean {
  let low = 0;
  let high = terms.length;
  while (low < high) {
    const mid = (low + high) >> 1;
    if (terms[mid] < term) low = mid + 1;
    else high = mid;
  }
  return low < terms.length && terms[low].startsWith(term);
}

/**
 * Edits between two words — insertion, deletion, substitution, or two neighbours swapped (optimal
 * string alignment) — or `max + 1` as soon as it is known to exceed `max`.
 */
export function editDistance(a: string, b: string, max: number): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  const rows: number[][] = [Array.from({ length: b.length + 1 }, (_, j) => j)];
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    let best = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let d = Math.min(rows[i - 1][j] + 1, row[j - 1] + 1, rows[i - 1][j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
        d = Math.min(d, rows[i - 2][j - 2] + 1);
      }
      row.push(d);
      best = Math.min(best, d);
    }
    if (best > max) return max + 1;
    rows.push(row);
  }
  return rows[a.length][b.length];
}

/** The closest word of the sheets within `max` edits (fewest edits, then most frequent). */
function closest(word: string, vocabulary: Vocabulary, max: number): string | undefined {
  let found: { word: string; distance: number; count: number } | undefined;
  for (let length = word.length - max; length <= word.length + max; length++) {
    for (const [candidate, count] of vocabulary.byLength.get(length) ?? []) {
      const distance = editDistance(word, candidate, max);
      if (distance > max) continue;
      const better =
        !found ||
        distance < found.distance ||
        (distance === found.distance && count > found.count) ||
        (distance === found.distance && count === found.count && candidate < found.word);
      if (better) found = { word: candidate, distance, count };
    }
  }
  return found?.word;
}

/**
 * The query with each word the sheets do not hold (nor any word they hold starts with) replaced by
 * the closest one that they do, within `max` edits per word; undefined when no word changed.
 */
export function correctQuery(q: string, vocabulary: Vocabulary, max: number): string | undefined {
  let changed = false;
  const words = tokenize(q).map((word) => {
    const term = indexTerm(word);
    const folded = fold(word);
    if (!term || known(term, vocabulary.terms) || folded.length < minLength || /\d/.test(folded)) {
      return word;
    }
    const replacement = closest(folded, vocabulary, max);
    if (!replacement) return word;
    changed = true;
    return vocabulary.written.get(replacement) ?? replacement;
  });
  return changed ? words.join(' ') : undefined;
}
