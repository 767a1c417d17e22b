import type { Question } from '../definition.types';
import { invalid, single, type Body } from '../form-input';
import type { Answer, Rule } from './types';

export const badValue = 'La valeur envoyée n’est pas valide : rechargez la page et réessayez.';

export const requiredText = (q: Question) => `Renseignez « ${q.label} »`;
export const requiredChoice = (q: Question) => `Choisissez une réponse à « ${q.label} »`;

/** A rule on a one-input question: rejects arrays/objects, handles empty answers, then checks. */
export function oneValue(
  q: Question,
  complete: boolean,
  requiredMessage: (q: Question) => string,
  check: (value: string, body: Body) => string | undefined,
): Rule {
  return {
    field: q.id,
    check: (body) => {
      const value = single(body, q.id);
      if (value === invalid) return badValue;
      if (!value) return complete && q.required ? requiredMessage(q) : undefined;
      return check(value, body);
    },
  };
}

/** A text field's value ('' when absent or not a single string). */
export function text(body: Body, name: string): string {
  const value = single(body, name);
  return value === invalid ? '' : value;
}

/** Option values accepted: those still offered, plus retired ones the stored answer holds. */
export function acceptedValues(q: Question, stored: Answer | undefined): Set<string> {
  const held = new Set(
    stored === undefined ? [] : Array.isArray(stored) ? stored.map(String) : [String(stored)],
  );
  return new Set(
    (q.options ?? []).filter((o) => !o.retired || held.has(o.value)).map((o) => o.value),
  );
}

export function optionLabel(q: Question, value: string): string {
  return q.options?.find((o) => o.value === value)?.label ?? value;
}
