import { resultFields } from '../sheets';
import { practiceFacts } from './practice-facts';
import {
  publishedSet,
  toPublished,
  type PublishedPractice,
  type PublishedSet,
} from './published-set';

export const practiceSections = [
  ['context', 'Contexte'],
  ['objectives', 'Objectifs'],
  ['actions', 'Actions menées'],
  ['partners', 'Partenaires'],
  ['successFactors', 'Facteurs de réussite'],
  ['difficulties', 'Difficultés rencontrées'],
  ['transferability', 'Transférabilité'],
  ['nextSteps', 'Perspectives'],
] as const;

/** The figures a sheet states, in the editor's order, with the words that follow them. */
export function keyFigures(p: PublishedPractice): Array<{ value: number; label: string }> {
  const results = (p.results ?? {}) as Record<string, number | null | undefined>;
  return resultFields
    .map(({ name, figure }) => ({ value: results[name] ?? 0, label: figure }))
    .filter((f) => f.value > 0);
}

const titleOrder = new Intl.Collator('fr');

/**
 * Up to three other sheets sharing themes (two points each) or the région (one), by score then
 * title: one pass keeping the best three, as a preview pays for it at each request.
 */
export function relatedPractices(set: PublishedSet, p: PublishedPractice): PublishedPractice[] {
  const themes = new Set(p.themes);
  const best: Array<{ o: PublishedPractice; score: number }> = [];
  const before = (a: (typeof best)[number], b: (typeof best)[number]) =>
    a.score > b.score || (a.score === b.score && titleOrder.compare(a.o.title, b.o.title) < 0);
  for (const o of set.practices) {
    if (o.id === p.id) continue;
    let score = o.region === p.region ? 1 : 0;
    for (const t of o.themes) if (themes.has(t)) score += 2;
    if (score === 0) continue;
    const entry = { o, score };
    if (best.length === 3 && !before(entry, best[2])) continue;
    let at = Math.min(best.length, 2);
    while (at > 0 && before(entry, best[at - 1])) at--;
    best.splice(at, 0, entry);
    best.length = Math.min(best.length, 3);
  }
  return best.map((s) => s.o);
}

export function practicePageLocals(set: PublishedSet, practice: PublishedPractice) {
  return {
    pageTitle: practice.title,
    description: practice.summary,
    openGraph: {
      type: 'article',
      title: practice.title,
      description: practice.summary,
      // The first photo, as networks show it beside a shared link.
      image: practice.photos[0] && {
        path: `/fiches-medias/${practice.id}/${practice.photos[0].fileId}`,
        alt: practice.photos[0].alt ?? '',
      },
    },
    practice,
    sections: practiceSections.filter(([key]) => practice[key]),
    figures: keyFigures(practice),
    facts: practiceFacts(practice),
    mediaBase: `/fiches-medias/${practice.id}`,
    pdf: true,
    related: relatedPractices(set, practice),
  };
}

/**
 * A sheet that may not be published, as its public page would show it (preview, approval): its
 * files served from `mediaBase` (the public route serves published sheets only), no PDF link.
 */
export async function previewLocals(sheet: Parameters<typeof toPublished>[0], mediaBase: string) {
  const set = await publishedSet();
  return { ...practicePageLocals(set, toPublished(sheet, set.meetings)), mediaBase, pdf: false };
}
