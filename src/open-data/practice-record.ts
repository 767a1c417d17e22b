import type { PublishedPractice } from '../compendium';
import { practiceSections } from '../compendium';

/**
 * A published sheet as open data: codes with their labels, no personal data except the public
 * contact the respondent consented to (stored on the sheet only then), nothing of the editorial
 * workflow.
 */
export function practiceRecord(p: PublishedPractice, baseUrl: string) {
  const coded = (codes: string[], labels: string[]) =>
    codes.map((code, i) => ({ code, label: labels[i] }));
  return {
    slug: p.slug,
    url: `${baseUrl}/recueil/${p.slug}`,
    title: p.title,
    summary: p.summary,
    fictitious: p.fictitious,
    structure: { name: p.structureName, type: { code: p.actorType, label: p.labels.actorType } },
    region: { code: p.region, name: p.regionName },
    department: { code: p.department, name: p.departmentName },
    communes: p.communes.map((c) => ({ code: c.code, name: c.name })),
    qpv: p.qpv.map((q) => ({ code: q.code, name: q.name })),
    npnru: p.npnru,
    themes: coded(p.themes, p.labels.themes),
    publics: coded(p.publics, p.labels.publics),
    marketFamilies: coded(p.marketFamilies, p.labels.marketFamilies),
    legalLevers: coded(p.legalLevers, p.labels.legalLevers),
    modalities: coded(p.modalities, p.labels.modalities),
    sections: Object.fromEntries(
      practiceSections.filter(([key]) => p[key]).map(([key]) => [key, p[key]]),
    ),
    results: p.results ?? {},
    year: p.year ?? null,
    meetings: p.meetings.map((m) => ({ slug: m.slug, title: m.title, workshop: m.workshop })),
    nationalRecueilChapter: p.recueil?.chapter ?? null,
    contact: p.contact ?? null,
    publishedAt: p.publishedAt ?? null,
    updatedAt: p.updatedAt ?? null,
  };
}

/** Columns of /api/v1/practices.csv. */
export const csvColumns: Array<
  [
    string,
    (p: PublishedPractice, baseUrl: string) => string | number | boolean | Date | null | undefined,
  ]
> = [
  ['slug', (p) => p.slug],
  ['url', (p, base) => `${base}/recueil/${p.slug}`],
  ['titre', (p) => p.title],
  ['resume', (p) => p.summary],
  ['exemple_fictif', (p) => p.fictitious],
  ['structure', (p) => p.structureName],
  ['type_structure', (p) => p.labels.actorType],
  ['region_code', (p) => p.region],
  ['region', (p) => p.regionName],
  ['departement_code', (p) => p.department],
  ['communes', (p) => p.communes.map((c) => c.name).join(' | ')],
  ['qpv', (p) => p.qpv.map((q) => q.code).join(' | ')],
  ['thematiques', (p) => p.labels.themes.join(' | ')],
  ['publics', (p) => p.labels.publics.join(' | ')],
  ['familles_marches', (p) => p.labels.marketFamilies.join(' | ')],
  ['leviers_juridiques', (p) => p.labels.legalLevers.join(' | ')],
  ['heures_realisees', (p) => p.results?.hoursAchieved],
  ['etp', (p) => p.results?.fte],
  ['participants', (p) => p.results?.participants],
  ['femmes', (p) => p.results?.women],
  ['habitants_qpv', (p) => p.results?.qpvResidents],
  ['annee', (p) => p.year],
  ['contact_nom', (p) => p.contact?.name],
  ['contact_email', (p) => p.contact?.email],
  ['publiee_le', (p) => p.publishedAt],
];
