import { queryPage, readFilters } from '../lib/http/query-string';
import type { FieldError } from '../lib/http/form';
import { department, region } from '../reference';
import { taxonomy, type TaxonomyKind } from '../reference';
import { isModerationStatus, type ModerationStatus } from './statuses';

/** The inbox's state, as it appears in the URL (every filter, sort and page is a link). */
export type InboxForm = Record<
  'statut' | 'region' | 'departement' | 'theme' | 'public' | 'famille' | 'q' | 'tri',
  string
>;
export const inboxKeys = [
  'statut',
  'region',
  'departement',
  'theme',
  'public',
  'famille',
  'q',
  'tri',
] as const;

export const sortOptions = [
  { value: 'recent', label: 'Les plus récentes d’abord' },
  { value: 'ancien', label: 'Les plus anciennes d’abord' },
  { value: 'titre', label: 'Titre (A à Z)' },
  { value: 'structure', label: 'Structure (A à Z)' },
  { value: 'region', label: 'Région' },
] as const;
export type SortKey = (typeof sortOptions)[number]['value'];

export interface InboxQuery {
  status?: ModerationStatus;
  region?: string;
  department?: string;
  theme?: string;
  public?: string;
  family?: string;
  text?: string;
  sort: SortKey;
  page: number;
}

const isCode = (kind: TaxonomyKind) => (v: string) => taxonomy()[kind].some((t) => t.code === v);

/**
 * The inbox's filters from the query string, through an allow-list: known codes only. Any
 * other key is ignored; a bad value is reported (400) and never reaches a query.
 */
export function readInboxFilters(rawQuery: unknown): {
  form: InboxForm;
  query: InboxQuery;
  errors: FieldError[];
} {
  const { form, errors } = readFilters<keyof InboxForm>(rawQuery, {
    statut: { valid: isModerationStatus, message: 'Choisissez un statut de la liste' },
    region: { valid: (v) => Boolean(region(v)), message: 'Choisissez une région de la liste' },
    departement: {
      valid: (v) => Boolean(department(v)),
      message: 'Choisissez un département de la liste',
    },
    theme: { valid: isCode('themes'), message: 'Choisissez une thématique de la liste' },
    public: { valid: isCode('publics'), message: 'Choisissez un public de la liste' },
    famille: { valid: isCode('marketFamilies'), message: 'Choisissez une famille de marchés' },
    q: { valid: () => true, message: 'La recherche ne doit pas dépasser 100 caractères' },
    tri: {
      valid: (v) => sortOptions.some((o) => o.value === v),
      message: 'Choisissez un ordre de la liste',
    },
  });
  const query: InboxQuery = {
    ...(isModerationStatus(form.statut) && { status: form.statut }),
    ...(form.region && { region: form.region }),
    ...(form.departement && { department: form.departement }),
    ...(form.theme && { theme: form.theme }),
    ...(form.public && { public: form.public }),
    ...(form.famille && { family: form.famille }),
    ...(form.q && { text: form.q }),
    sort: (form.tri || 'recent') as SortKey,
    page: queryPage(rawQuery),
  };
  return { form, query, errors };
}

/** The inbox URL of a state (empty values left out), optionally with other values. */
export function inboxHref(
  form: InboxForm,
  changes: Partial<InboxForm> & { page?: number } = {},
  base = '/moderation',
): string {
  const { page, ...rest } = changes;
  const merged = { ...form, ...rest };
  const params = new URLSearchParams(
    inboxKeys.filter((k) => merged[k] !== '').map((k) => [k, merged[k]]),
  );
  if (page && page > 1) params.set('page', String(page));
  const query = params.toString();
  return `${base}${query ? `?${query}` : ''}`;
}
