import { multiLine, singleLine } from '../lib/text';

/**
 * Reading raw form values defensively. Forms arrive as urlencoded or multipart bodies: a field
 * may be missing, a string, an array (repeated name) or — through multipart bracket syntax — an
 * object. Strings are expected where the form has one input; anything else is rejected.
 */
export type Body = Record<string, unknown>;

export const invalid = Symbol('invalid');
export type Invalid = typeof invalid;

/**
 * A single text value ('' when missing): trimmed, line breaks as `\n`, no other control character;
 * `invalid` for arrays and objects.
 */
export function single(body: Body, name: string): string | Invalid {
  const value = body[name];
  if (value === undefined || value === null) return '';
  if (typeof value !== 'string') return invalid;
  return multiLine(value);
}

/** A repeated value (checkboxes, repeated rows): array of strings, or `invalid` for objects. */
export function list(body: Body, name: string): string[] | Invalid {
  const value = body[name];
  if (value === undefined || value === null || value === '') return [];
  if (typeof value === 'string') return [singleLine(value)];
  if (Array.isArray(value) && value.every((v) => typeof v === 'string')) {
    return value.map((v: string) => singleLine(v));
  }
  return invalid;
}

/** Parses a French-style number: spaces as thousands separators, comma or dot as decimal mark. */
export function parseNumber(raw: string, integer: boolean): number | undefined {
  const compact = raw.replace(/[\s\u00a0\u202f]/g, '');
  const pattern = integer ? /^-?\d+$/ : /^-?\d+([.,]\d+)?$/;
  if (!pattern.test(compact)) return undefined;
  const value = Number(compact.replace(',', '.'));
  return Number.isFinite(value) ? value : undefined;
}

export const formatNumber = (value: number): string => value.toLocaleString('fr-FR');
