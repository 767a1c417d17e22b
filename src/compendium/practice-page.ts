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

/** The results a sheet states, in display order, with their French labels. */
export const resultLabels = [
  ['hoursAchieved', 'heures d’insertion réalisées'],
  ['hoursPlanned', 'heures d’insertion prévues'],
  ['fte', 'équivalents temps plein'],
  ['participants', 'participants'],
  ['women', 'femmes'],
  ['qpvResidents', 'habitants des quartiers prioritaires'],
  ['under26', 'jeunes de moins de 26 ans'],
  ['over50', 'personnes de plus de 50 ans'],
  ['sustainableEmployment', 'sorties en emploi durable'],
  ['transitionEmployment', 'sorties en emploi de transition'],
  ['positiveExits', 'sorties positives'],
  ['companies', 'entreprises mobilisées'],
  ['contractsWithClause', 'marchés avec clause'],
] as const;

export function keyFigures(p: PublishedPractice): Array<{ value: number; label: string }> {
  const results = (p.results ?? {}) as Record<string, number | null | undefined>;
  return resultLabels
    .map(([key, label]) => ({ value: results[key] ?? 0, label }))
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
    openGraph: { type: 'article', title: practice.title, description: practice.summary },
    practice,
    sections: practiceSections.filter(([key]) => practice[key]),
    figures: keyFigures(practice),
    related: relatedPractices(set, practice),
  };
}

/** A sheet that may not be published, as its public page would show it (preview, approval). */
export async function previewLocals(sheet: Parameters<typeof toPublished>[0]) {
  const set = await publishedSet();
  return practicePageLocals(set, toPublished(sheet, set.meetings));
}
