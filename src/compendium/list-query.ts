import { AppError } from '../lib/errors';
import { singleLine } from '../lib/text';
import { facetDefinitions, type Filters } from './facets';
import type { PublishedSet } from './published-set';

export const sorts = [
  { value: 'pertinence', label: 'Pertinence' },
  { value: 'recent', label: 'Les plus récentes' },
  { value: 'region', label: 'Région' },
] as const;
export type Sort = (typeof sorts)[number]['value'];

/** Every state of the list is a URL: this is what the URL says, validated. */
export interface ListState {
  q: string;
  filters: Filters;
  sort?: Sort;
  page: number;
}

export const maxQueryLength = 200;
export const pageSize = 20;

class BadRequestError extends AppError {
  constructor(message: string) {
    super(400, message);
  }
}

const strings = (v: unknown): string[] =>
  (Array.isArray(v) ? v : [v]).filter((s): s is string => typeof s === 'string');

/**
 * Reads only the allow-listed parameters: `q`, `tri`, `page` and the facets' own. Unknown keys
 * (`region[$ne]`, `__proto__[a]`…) are ignored, unknown facet values dropped, a query longer than
 * `maxQueryLength` cut; a page that is not a number is a 400.
 */
export function parseListQuery(query: Record<string, unknown>, set: PublishedSet): ListState {
  const own = (key: string) => (Object.hasOwn(query, key) ? query[key] : undefined);
  const q = singleLine(strings(own('q'))[0] ?? '')
    .replace(/\s+/g, ' ')
    .slice(0, maxQueryLength);
  const filters: Filters = {};
  for (const facet of facetDefinitions) {
    const requested = strings(own(facet.param));
    if (!requested.length) continue;
    const allowed = new Set(facet.options(set).map((o) => o.value));
    const kept = [...new Set(requested.filter((v) => allowed.has(v)))];
    if (kept.length) filters[facet.param] = kept;
  }
  const tri = strings(own('tri'))[0];
  const sort = sorts.find((s) => s.value === tri)?.value;
  const pageParam = strings(own('page'))[0];
  if (pageParam !== undefined && !/^[1-9]\d{0,5}$/.test(pageParam))
    throw new BadRequestError('Le numéro de page doit être un nombre entier positif.');
  return { q, filters, sort, page: pageParam ? Number(pageParam) : 1 };
}

/** The URL of a state, parameters in a stable order (one URL per state, for caches and links). */
export function listUrl(
  state: ListState,
  change: Partial<ListState> = {},
  path = '/recueil',
): string {
  const s = { ...state, page: 1, ...change };
  const params = new URLSearchParams();
  if (s.q) params.append('q', s.q);
  for (const facet of facetDefinitions)
    for (const v of s.filters[facet.param] ?? []) params.append(facet.param, v);
  if (s.sort) params.append('tri', s.sort);
  if (s.page > 1) params.append('page', String(s.page));
  const text = params.toString();
  return text ? `${path}?${text}` : path;
}

/** The filters with one value added or removed. */
export function toggled(filters: Filters, param: string, value: string): Filters {
  const current = filters[param] ?? [];
  const next = current.includes(value) ? current.filter((v) => v !== value) : [...current, value];
  const copy = { ...filters };
  if (next.length) copy[param] = next;
  else delete copy[param];
  return copy;
}
