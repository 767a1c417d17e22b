import type { Question } from '../definition.types';
import { invalid, single, type Body } from '../form-input';
import type { Rule } from './types';

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

export function optionLabel(q: Question, value: string): string {
  return q.options?.find((o) => o.value === value)?.label ?? value;
}
