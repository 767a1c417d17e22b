import type { Question } from '../definition.types';
import { isEmail } from '../../lib/email-address';
import { formatNumber } from '../form-input';
import { oneValue, requiredText, text } from './common';
import type { TypeHandler } from './types';
import { singleLine } from '../../lib/text';

/** Text-like questions: one input, a format check, stored as a string. */
function textLike(
  check: (value: string, q: Question) => string | undefined,
  normalise: (value: string) => string = singleLine,
): TypeHandler {
  return {
    fields: (q) => [q.id],
    rules: (q, { complete }) => [
      oneValue(q, complete, requiredText, (value) => {
        if (q.maxLength && value.length > q.maxLength) {
          return `« ${q.label} » doit contenir au plus ${formatNumber(q.maxLength)} caractères (actuellement ${formatNumber(value.length)})`;
        }
        if (q.minLength && value.length < q.minLength) {
          return `« ${q.label} » doit contenir au moins ${formatNumber(q.minLength)} caractères`;
        }
        return check(value, q);
      }),
    ],
    parse: (q, body) => (text(body, q.id) ? normalise(text(body, q.id)) : undefined),
    toForm: (q, value) => ({ [q.id]: String(value) }),
    display: (_q, value) => [String(value)],
  };
}

const compactPhone = (v: string) => v.replace(/[\s.\-()]/g, '');
const phonePattern = /^(?:0[1-9]\d{8}|\+33[1-9]\d{8}|\+(?:262|269|590|594|596|687|689)\d{9})$/;

function luhn(digits: string): boolean {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = Number(digits[digits.length - 1 - i]);
    if (i % 2 === 1) d = d * 2 > 9 ? d * 2 - 9 : d * 2;
    sum += d;
  }
  return sum % 10 === 0;
}
/** SIRET: 14 digits with a Luhn key (La Poste's establishments use a sum of digits modulo 5). */
function validSiret(siret: string): boolean {
  if (!/^\d{14}$/.test(siret)) return false;
  if (siret.startsWith('356000000')) return [...siret].reduce((s, d) => s + Number(d), 0) % 5 === 0;
  return luhn(siret);
}

/** Handlers of the one-line and long text questions, by type. */
export const textHandlers = {
  text: textLike(() => undefined),
  textarea: textLike(
    () => undefined,
    (v) => v,
  ),
  email: textLike((v) =>
    isEmail(v) ? undefined : 'Saisissez une adresse e-mail valide, par exemple nom@exemple.fr',
  ),
  phone: textLike(
    (v) =>
      phonePattern.test(compactPhone(v))
        ? undefined
        : 'Saisissez un numéro de téléphone français valide, par exemple 01 23 45 67 89 ou +33 6 12 34 56 78',
    (v) => compactPhone(singleLine(v)),
  ),
  siret: textLike(
    (v) =>
      validSiret(v.replace(/\s/g, ''))
        ? undefined
        : 'Le numéro SIRET doit comporter 14 chiffres valides, par exemple 130 005 481 00010',
    (v) => singleLine(v).replace(/\s/g, ''),
  ),
} satisfies Record<string, TypeHandler>;
