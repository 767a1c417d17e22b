import { department, regions } from '../reference';
import { publicTerms, type TaxonomyKind } from '../reference';
import type { PublishedPractice, PublishedSet } from './published-set';

/** A filter of the list: its URL parameter, its heading, and the values a sheet holds. */
export interface FacetDefinition {
  param: string;
  legend: string;
  valuesOf: (p: PublishedPractice) => readonly string[];
  /** Known values (an allow-list), in display order, with their labels. */
  options: (set: PublishedSet) => Array<{ value: string; label: string }>;
}

/** A facet over a controlled list: its terms, a retired one only while a published sheet holds it. */
const taxonomyFacet = (
  param: string,
  legend: string,
  kind: TaxonomyKind,
  valuesOf: FacetDefinition['valuesOf'],
): FacetDefinition => ({
  param,
  legend,
  valuesOf,
  options: (set) =>
    publicTerms(kind, (code) => set.practices.some((p) => valuesOf(p).includes(code))).map((t) => ({
      value: t.code,
      label: t.label,
    })),
});

export const facetDefinitions: FacetDefinition[] = [
  {
    param: 'region',
    legend: 'Région',
    valuesOf: (p) => [p.region],
    options: () => regions().map((r) => ({ value: r.code, label: r.name })),
  },
  {
    param: 'departement',
    legend: 'Département',
    valuesOf: (p) => [p.department],
    options: (set) =>
      [...new Set(set.practices.map((p) => p.department))]
        .sort()
        .map((code) => ({ value: code, label: `${department(code)?.name ?? code} (${code})` })),
  },
  taxonomyFacet('theme', 'Thématique', 'themes', (p) => p.themes),
  taxonomyFacet('public', 'Publics', 'publics', (p) => p.publics),
  taxonomyFacet('marche', 'Famille de marchés', 'marketFamilies', (p) => p.marketFamilies),
  taxonomyFacet('levier', 'Levier juridique', 'legalLevers', (p) => p.legalLevers),
  taxonomyFacet('acteur', 'Type de structure', 'actorTypes', (p) => [p.actorType]),
  {
    param: 'rencontre',
    legend: 'Présentée lors de la rencontre',
    valuesOf: (p) => [...new Set(p.meetings.map((m) => m.slug))],
    options: (set) => [...set.meetings].map(([slug, m]) => ({ value: slug, label: m.title })),
  },
  {
    param: 'national',
    legend: 'Recueil national',
    valuesOf: (p) => (p.recueil?.chapter ? ['oui'] : []),
    options: () => [{ value: 'oui', label: 'Dans le recueil national' }],
  },
];

export type Filters = Record<string, string[]>;

function matches(p: PublishedPractice, filters: Filters, except?: string): boolean {
  for (const facet of facetDefinitions) {
    if (facet.param === except) continue;
    const wanted = filters[facet.param];
    if (!wanted?.length) continue;
    const values = facet.valuesOf(p);
    if (!wanted.some((w) => values.includes(w))) return false;
  }
  return true;
}

export function applyFilters(
  practices: PublishedPractice[],
  filters: Filters,
): PublishedPractice[] {
  return practices.filter((p) => matches(p, filters));
}

export interface FacetView {
  param: string;
  legend: string;
  options: Array<{ value: string; label: string; count: number; selected: boolean }>;
}

/**
 * Live counts: each facet counts the sheets matching the query and every OTHER facet's filters,
 * so a reader sees how many sheets choosing another value would give. Values with no sheet are
 * left out unless selected.
 */
export function facetCounts(
  set: PublishedSet,
  matched: PublishedPractice[],
  filters: Filters,
): FacetView[] {
  return facetDefinitions.map((facet) => {
    const counts = new Map<string, number>();
    for (const p of matched) {
      if (!matches(p, filters, facet.param)) continue;
      for (const v of facet.valuesOf(p)) counts.set(v, (counts.get(v) ?? 0) + 1);
    }
    const selected = new Set(filters[facet.param] ?? []);
    return {
      param: facet.param,
      legend: facet.legend,
      options: facet
        .options(set)
        .map((o) => ({ ...o, count: counts.get(o.value) ?? 0, selected: selected.has(o.value) }))
        .filter((o) => o.count > 0 || o.selected),
    };
  });
}
