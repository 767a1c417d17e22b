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

/** Up to three other sheets sharing themes (first) or the région. */
export function relatedPractices(set: PublishedSet, p: PublishedPractice): PublishedPractice[] {
  const themes = new Set(p.themes);
  return set.practices
    .filter((o) => o.id !== p.id)
    .map((o) => ({
      o,
      score: o.themes.filter((t) => themes.has(t)).length * 2 + (o.region === p.region ? 1 : 0),
    }))
    .filter((s) => s.score > 0)
    .sort((a, b) => b.score - a.score || a.o.title.localeCompare(b.o.title, 'fr'))
    .slice(0, 3)
    .map((s) => s.o);
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
