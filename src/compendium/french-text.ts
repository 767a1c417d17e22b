/**
 * French-aware text processing shared by the search index and the highlighter: case and accents
 * folded, elisions split (« l’insertion » → « insertion »), common stop words dropped, and a light
 * plural → singular reduction so that « femmes » finds « femme » and « travaux » finds « travail ».
 */
const stopWords = new Set(
  'a au aux avec ce ces cet cette d dans de des du elle en est et il ils l la le les leur leurs ' +
    'lui n ne ni nos notre nous on ou par pas pour qu que qui s sa se ses son sur ta te tes un une ' +
    'vos votre vous y',
);

/** Splits text into words (letters and digits, Unicode-aware); apostrophes and hyphens split. */
export function tokenize(text: string): string[] {
  return text.split(/[^\p{L}\p{N}]+/u).filter(Boolean);
}

export function fold(word: string): string {
  return word
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace(/œ/g, 'oe')
    .replace(/æ/g, 'ae')
    .toLowerCase();
}

/** Singular form of a folded word, by the regular French plural rules (good enough to match). */
function singular(word: string): string {
  if (word.length <= 3) return word;
  if (word.endsWith('aux') && word.length > 4) return `${word.slice(0, -3)}al`;
  if (word.endsWith('eux') || word.endsWith('eaux')) return word.slice(0, -1);
  const one = word.endsWith('s') && !word.endsWith('ss') ? word.slice(0, -1) : word;
  // « travail » / « travaux »: both reduce to « traval ».
  return one.endsWith('ail') ? `${one.slice(0, -3)}al` : one;
}

/** The index term of a word, or null for a stop word. */
export function indexTerm(word: string): string | null {
  const folded = fold(word);
  if (stopWords.has(folded)) return null;
  return singular(folded);
}

/** Text cut into segments, the ones whose term is in `terms` marked (for <mark> in templates). */
export function highlight(
  text: string,
  terms: Set<string>,
): Array<{ text: string; mark: boolean }> {
  if (terms.size === 0) return [{ text, mark: false }];
  const segments: Array<{ text: string; mark: boolean }> = [];
  let last = 0;
  for (const match of text.matchAll(/[\p{L}\p{N}]+/gu)) {
    const term = indexTerm(match[0]);
    if (!term || !terms.has(term)) continue;
    if (match.index > last) segments.push({ text: text.slice(last, match.index), mark: false });
    segments.push({ text: match[0], mark: true });
    last = match.index + match[0].length;
  }
  if (last < text.length) segments.push({ text: text.slice(last), mark: false });
  return segments;
}
