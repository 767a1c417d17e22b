import { regions } from '../reference/geography';
import { department } from '../reference/geography';
import { publicTerms, type TaxonomyKind } from '../reference/taxonomy';
import type { PublishedPractice, PublishedSet } from './published-set';

/** A filter of the list: its URL parameter, its heading, and the values a sheet holds. */
export interface FacetDefinition {
  param: string;
  legend: string;
  valuesOf: (p: PublishedPractice) => readonly string[];
  /** Known values (an allow-list), in display order, with their labels. */
  options: (set: PublishedSet) => Array<{ value: string; label: string }>;
}

/** A list's terms; a retired one only while a published sheet holds it. */
const fromTaxonomy =
  (kind: TaxonomyKind, valuesOf: (p: PublishedPractice) => readonly string[]) =>
  (set: PublishedSet): Array<{ value: string; label: string }> =>
    publicTerms(kind, (code) => set.practices.some((p) => valuesOf(p).includes(code))).map((t) => ({
      value: t.code,
      label: t.label,
    }));

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
  {
    param: 'theme',
    legend: 'Thématique',
    valuesOf: (p) => p.themes,
    options: fromTaxonomy('themes', (p) => p.themes),
  },
  {
    param: 'public',
    legend: 'Publics',
    valuesOf: (p) => p.publics,
    options: fromTaxonomy('publics', (p) => p.publics),
  },
  {
    param: 'marche',
    legend: 'Famille de marchés',
    valuesOf: (p) => p.marketFamilies,
    options: fromTaxonomy('marketFamilies', (p) => p.marketFamilies),
  },
  {
    param: 'levier',
    legend: 'Levier juridique',
    valuesOf: (p) => p.legalLevers,
    options: fromTaxonomy('legalLevers', (p) => p.legalLevers),
  },
  {
    param: 'acteur',
    legend: 'Type de structure',
    valuesOf: (p) => [p.actorType],
    options: fromTaxonomy('actorTypes', (p) => [p.actorType]),
  },
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
