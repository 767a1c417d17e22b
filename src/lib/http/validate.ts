import type { Request } from 'express';
import { validationResult, type ValidationChain } from 'express-validator';

export interface FieldError {
  field: string;
  message: string;
}

/** Runs express-validator chains on the request; the first message of each field, in order. */
export async function validateForm(req: Request, chains: ValidationChain[]): Promise<FieldError[]> {
  for (const chain of chains) await chain.run(req);
  return validationResult(req)
    .array({ onlyFirstError: true })
    .map((e) => ({ field: e.type === 'field' ? e.path : '', message: String(e.msg) }));
}

/**
 * One string, not an array: express-validator runs standard validators on each item of an array
 * (`email[]=a&email[]=b` would pass `isString()`), so single-valued fields start with this.
 */
export const isText = (value: unknown): boolean => typeof value === 'string';

/** `{ field: message }` for the templates (message beside each field). */
export function errorsByField(errors: FieldError[]): Record<string, string> {
  return Object.fromEntries(errors.map((e) => [e.field, e.message]));
}

/** A text field as typed ('' when missing, repeated or not a string): safe to show back. */
export function textField(body: unknown, name: string): string {
  const value = (body as Record<string, unknown> | undefined)?.[name];
  return typeof value === 'string' ? value : '';
}
