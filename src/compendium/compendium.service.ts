import { NotFoundError } from '../lib/errors';
import { PracticeModel, type Practice } from '../practices/practice.model';
import { region } from '../reference/geography';
import { taxonomyLabel } from '../reference/taxonomy';

const published = { status: 'publiee' } as const;
const cardFields = 'slug title summary region structureName themes fictitious year';

/** Published practice sheets, newest first, as cards. */
export async function listPublished() {
  const practices = await PracticeModel.find(published, cardFields)
    .sort({ publishedAt: -1, title: 1 })
    .lean();
  return practices.map((p) => ({
    ...p,
    regionName: region(p.region)?.name ?? p.region,
    themeLabels: p.themes.map((t) => taxonomyLabel('themes', t)),
  }));
}

/** One published practice sheet with labels resolved for display. */
export async function getPublished(slug: string) {
  const p = await PracticeModel.findOne({ ...published, slug }).lean();
  if (!p) throw new NotFoundError('Cette fiche pratique n’existe pas ou n’est pas publiée');
  return displayPractice(p);
}

/** A sheet with labels resolved, as the public page shows it (also the back office's preview). */
export function displayPractice(p: Practice) {
  return {
    ...p,
    regionName: region(p.region)?.name ?? p.region,
    labels: {
      actorType: taxonomyLabel('actorTypes', p.actorType),
      themes: p.themes.map((v) => taxonomyLabel('themes', v)),
      legalLevers: p.legalLevers.map((v) => taxonomyLabel('legalLevers', v)),
      marketFamilies: p.marketFamilies.map((v) => taxonomyLabel('marketFamilies', v)),
      publics: p.publics.map((v) => taxonomyLabel('publics', v)),
      modalities: p.modalities.map((v) => taxonomyLabel('modalities', v)),
    },
  };
}

const figureFields = ['hoursAchieved', 'participants', 'women', 'qpvResidents'] as const;

/**
 * Totals over the published practices, for the key-figures page. Summed here rather than in one
 * $group: FerretDB 1.24 computes only the first of several accumulators, and answers the others
 * with 0 without an error (tests/db-contract/README.md).
 */
export async function publishedTotals() {
  const practices = await PracticeModel.find(
    published,
    figureFields.map((f) => `results.${f}`).join(' '),
  ).lean();
  const sum = (field: (typeof figureFields)[number]) =>
    practices.reduce((total, p) => total + (p.results?.[field] ?? 0), 0);
  return {
    practices: practices.length,
    hours: sum('hoursAchieved'),
    participants: sum('participants'),
    women: sum('women'),
    qpvResidents: sum('qpvResidents'),
  };
}
