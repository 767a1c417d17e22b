import { singleLine } from '../text';
import type { FieldError } from './form';

// Control characters are never part of what a person searches or filters by: BSON refuses a NUL
// inside a query, and a line break in a search is a pasted accident.
/**
 * One query-string value: '' when absent, null when repeated, nested or longer than `max`;
 * otherwise trimmed, without control characters. The one way a page reads its URL's filters.
 */
export function queryValue(query: unknown, key: string, max = 100): string | null {
  const raw = query as Record<string, unknown> | undefined;
  const value = raw && Object.hasOwn(raw, key) ? raw[key] : undefined;
  if (value === undefined) return '';
  if (typeof value !== 'string' || value.length > max) return null;
  return singleLine(value);
}

/** A page number from the query string (1 when absent or not one). */
export function queryPage(query: unknown): number {
  const page = queryValue(query, 'page');
  return page && /^\d{1,6}$/.test(page) ? Math.max(1, Number(page)) : 1;
}

/** What a filter accepts, and what the page says otherwise. */
export interface FilterRule {
  valid(value: string): boolean;
  message: string;
}

/**
 * A filter page's state from its query string, through an allow-list: each key with its rule;
 * any other key is ignored, and a bad value is reported (the page answers 400) and emptied, so it
 * never reaches a query.
 */
export function readFilters<K extends string>(
  query: unknown,
  rules: Record<K, FilterRule>,
): { form: Record<K, string>; errors: FieldError[] } {
  const errors: FieldError[] = [];
  const form = {} as Record<K, string>;
  for (const key of Object.keys(rules) as K[]) {
    const value = queryValue(query, key);
    if (value === null || (value !== '' && !rules[key].valid(value))) {
      errors.push({ field: key, message: rules[key].message });
      form[key] = '';
    } else form[key] = value;
  }
  return { form, errors };
}
