import type { Request } from 'express';
import { body, matchedData, validationResult, type ValidationChain } from 'express-validator';
import { multiLine, singleLine } from '../text';

/**
 * The one way a handler reads a form: express-validator chains declare each field, check it and
 * clean it (one rule for text: src/lib/text.ts), and only the declared fields come back, through
 * `matchedData`. No handler reads `req.body` itself (lint refuses it outside src/lib/http).
 */
export interface FieldError {
  field: string;
  message: string;
}

/** Form values as a page shows them again: strings and lists of strings only. */
export type FormValues = Record<string, string | string[]>;

export interface ReadForm<V> {
  /**
   * Every declared field, cleaned and of its type: a string ('' for anything else sent), or a
   * list of strings ([] for anything else).
   */
  values: V;
  /** The first message of each field that failed, in the order of the chains. */
  errors: FieldError[];
  /** What was typed, to show the page again (422). */
  typed: FormValues;
}

export async function readForm<V = Record<string, string>>(
  req: Request,
  chains: ValidationChain[],
): Promise<ReadForm<V>> {
  for (const chain of chains) await chain.run(req);
  const errors = validationResult(req)
    .array({ onlyFirstError: true })
    .map((e) => ({ field: e.type === 'field' ? e.path : '', message: String(e.msg) }));
  const values = matchedData(req, {
    onlyValidData: false,
    includeOptionals: true,
    locations: ['body'],
  });
  return { values: values as V, errors, typed: typedValues(values) };
}

/** Values as typed: strings and lists of strings only (anything else is left out). */
export function typedValues(values: Record<string, unknown>): FormValues {
  return Object.fromEntries(
    Object.entries(values).filter(
      ([, v]) =>
        typeof v === 'string' || (Array.isArray(v) && v.every((x) => typeof x === 'string')),
    ),
  ) as FormValues;
}

/** `{ field: message }` for the templates (message beside each field). */
export function errorsByField(errors: FieldError[]): Record<string, string> {
  return Object.fromEntries(errors.map((e) => [e.field, e.message]));
}

export const badValue = 'La valeur envoyée n’est pas valide : rechargez la page et réessayez.';

/**
 * One string, not an array: express-validator runs standard validators on each item of an array
 * (`email[]=a&email[]=b` would pass `isString()`), so single-valued fields start with this.
 */
const isText = (value: unknown): boolean => typeof value === 'string';

interface TextOptions {
  /** The message when the field is empty; the field is optional without it. */
  required?: string;
  max?: number;
  /** The message when it is too long (the required message otherwise, or a generic one). */
  tooLong?: string;
  /** The message when something else than one string is sent. */
  invalid?: string;
}

function textChain(name: string, clean: (v: string) => string, options: TextOptions) {
  const { required, max, tooLong, invalid } = options;
  const chain = body(name)
    .default('')
    .custom(isText)
    .withMessage(invalid ?? required ?? badValue)
    .customSanitizer((v: unknown) => (typeof v === 'string' ? clean(v) : ''));
  if (required) chain.notEmpty().withMessage(required).bail();
  if (max) chain.isLength({ max }).withMessage(tooLong ?? `${max} caractères au plus`);
  return chain;
}

/** One line of text ('' when absent): control characters become spaces. */
export const lineField = (name: string, options: TextOptions = {}) =>
  textChain(name, singleLine, options);

/** Text of several lines ('' when absent): line breaks as `\n`, no other control character. */
export const textBlockField = (name: string, options: TextOptions = {}) =>
  textChain(name, multiLine, options);

/** A secret as typed (a password, a code): one string, nothing changed in it. */
export const secretField = (name: string, required: string) =>
  body(name)
    .default('')
    .custom(isText)
    .withMessage(required)
    .customSanitizer((v: unknown) => (typeof v === 'string' ? v : ''))
    .notEmpty()
    .withMessage(required);

/** One value among those `allowed` says are ('' when absent and `optional`). */
export function choiceField(
  name: string,
  allowed: readonly string[] | ((value: string) => boolean),
  message: string,
  { optional = false } = {},
) {
  const ok = (v: unknown) =>
    typeof v === 'string' &&
    ((optional && v === '') || (typeof allowed === 'function' ? allowed(v) : allowed.includes(v)));
  return body(name)
    .default('')
    .custom(ok)
    .withMessage(message)
    .customSanitizer((v: unknown) => (typeof v === 'string' ? v : ''));
}

/** Several values (checkboxes, repeated rows): always a list of strings, each cleaned. */
export function listField(
  name: string,
  { allowed, message = badValue }: { allowed?: (value: string) => boolean; message?: string } = {},
) {
  const strings = (v: unknown[]) => v.every((x) => typeof x === 'string');
  return body(name)
    .default([])
    .customSanitizer((v: unknown) => (Array.isArray(v) ? v : [v]))
    .custom((v: unknown[]) => strings(v) && (!allowed || (v as string[]).every(allowed)))
    .withMessage(message)
    .customSanitizer((v: unknown[]) => (strings(v) ? (v as string[]).map(singleLine) : []));
}

/** The hidden fields of a button's form (an id, a direction…): one line each, 200 characters. */
export async function buttonValues(req: Request, names: string[]): Promise<Record<string, string>> {
  const form = await readForm<Record<string, string>>(
    req,
    names.map((n) => lineField(n, { max: 200 })),
  );
  return form.values;
}
