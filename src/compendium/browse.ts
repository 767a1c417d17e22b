import { facetCounts, facetDefinitions, applyFilters, type FacetView } from './facets';
import { highlight, indexTerm, tokenize } from './french-text';
import { listUrl, pageSize, toggled, type ListState, type Sort } from './list-query';
import type { PublishedPractice, PublishedSet } from './published-set';

type Segments = ReturnType<typeof highlight>;

export interface Card {
  practice: PublishedPractice;
  title: Segments;
  summary: Segments;
}

export interface BrowseResult {
  total: number;
  cards: Card[];
  facets: FacetView[];
  sort: Sort;
  page: number;
  pageCount: number;
  /** Links that widen an empty result: each active filter (and the query) removed. */
  widen: Array<{ label: string; href: string; count: number }>;
  /** The query as searched when the typed one, with a typo, found nothing. */
  corrected?: string;
  /** A query that would find sheets, when nothing was found. */
  suggestion?: { q: string; href: string };
}

/** Sheets matching the query, best first, with the index terms that matched each of them. */
async function matching(set: PublishedSet, q: string) {
  if (!q) return { practices: set.practices, terms: new Map<string, Set<string>>() };
  const { hits, corrected, suggestion } = await set.search(q);
  const terms = new Map(hits.map((h) => [String(h.id), new Set(h.terms)]));
  return {
    practices: hits.map((h) => set.byId.get(String(h.id))!),
    terms,
    corrected,
    suggestion,
  };
}

/** Every sheet the list's query and filters select (all pages), as the list finds them. */
export async function selected(set: PublishedSet, state: ListState) {
  return applyFilters((await matching(set, state.q)).practices, state.filters);
}

function sorted(practices: PublishedPractice[], sort: Sort): PublishedPractice[] {
  if (sort === 'pertinence') return practices;
  if (sort === 'recent')
    return [...practices].sort(
      (a, b) => (b.publishedAt?.getTime() ?? 0) - (a.publishedAt?.getTime() ?? 0),
    );
  return [...practices].sort(
    (a, b) =>
      a.regionName.localeCompare(b.regionName, 'fr') || a.title.localeCompare(b.title, 'fr'),
  );
}

/** Query terms as the index sees them, for highlighting words the query named. */
function queryTerms(q: string): Set<string> {
  return new Set(
    tokenize(q)
      .map(indexTerm)
      .filter((t): t is string => Boolean(t)),
  );
}

export async function browse(set: PublishedSet, state: ListState): Promise<BrowseResult> {
  const found = await matching(set, state.q);
  const filtered = applyFilters(found.practices, state.filters);
  const sort: Sort = state.sort ?? (state.q ? 'pertinence' : 'recent');
  const ordered = sorted(filtered, sort === 'pertinence' && !state.q ? 'recent' : sort);
  const pageCount = Math.max(1, Math.ceil(ordered.length / pageSize));
  const page = Math.min(state.page, pageCount);
  const asked = queryTerms(found.corrected ?? state.q);
  const cards = ordered.slice((page - 1) * pageSize, page * pageSize).map((practice) => {
    const terms = new Set([...asked, ...(found.terms.get(practice.id) ?? [])]);
    return {
      practice,
      title: highlight(practice.title, terms),
      summary: highlight(practice.summary, terms),
    };
  });
  const facets = facetCounts(set, found.practices, state.filters);
  const widen =
    ordered.length > 0
      ? []
      : [
          ...facetDefinitions.flatMap((facet) =>
            (state.filters[facet.param] ?? []).map((value) => {
              const filters = toggled(state.filters, facet.param, value);
              const label = facet.options(set).find((o) => o.value === value)?.label ?? value;
              return {
                label: `${facet.legend} : ${label}`,
                href: listUrl(state, { filters }),
                count: applyFilters(found.practices, filters).length,
              };
            }),
          ),
          ...(state.q
            ? [
                {
                  label: `Recherche : « ${state.q} »`,
                  href: listUrl(state, { q: '' }),
                  count: applyFilters(set.practices, state.filters).length,
                },
              ]
            : []),
        ];
  const suggestion = found.suggestion
    ? { q: found.suggestion, href: listUrl(state, { q: found.suggestion }) }
    : undefined;
  return {
    total: ordered.length,
    cards,
    facets,
    sort,
    page,
    pageCount,
    widen,
    corrected: found.corrected,
    suggestion,
  };
}
