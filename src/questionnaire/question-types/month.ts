import { formatMonth } from '../../lib/paris-time';
import type { Question } from '../definition.types';
import { invalid, single, type Body } from '../form-input';
import { badValue } from './common';
import type { TypeHandler } from './types';

const currentYear = () => new Date().getFullYear();

const monthField = (q: Question) => `${q.id}Mois`;
const yearField = (q: Question) => `${q.id}Annee`;
function readMonth(body: Body, id: string): string | undefined | typeof invalid {
  const m = single(body, `${id}Mois`);
  const y = single(body, `${id}Annee`);
  if (m === invalid || y === invalid) return invalid;
  if (!m && !y) return undefined;
  if (!/^\d{1,2}$/.test(m) || Number(m) < 1 || Number(m) > 12 || !/^\d{4}$/.test(y)) return invalid;
  return `${y}-${m.padStart(2, '0')}`;
}
/** Month and year in two inputs, stored as 'YYYY-MM'. */
export const month: TypeHandler = {
  fields: (q) => [monthField(q), yearField(q)],
  rules: (q, { complete, labelOf }) => [
    {
      field: monthField(q),
      check: (body) => {
        const m = single(body, monthField(q));
        const y = single(body, yearField(q));
        if (m === invalid || y === invalid) return badValue;
        if (!m && !y)
          return complete && q.required
            ? `Indiquez le mois et l’année de « ${q.label} »`
            : undefined;
        if (!m) return `Indiquez le mois de « ${q.label} »`;
        if (!/^\d{1,2}$/.test(m) || Number(m) < 1 || Number(m) > 12)
          return `Le mois de « ${q.label} » doit être un nombre entre 1 et 12`;
        return undefined;
      },
    },
    {
      field: yearField(q),
      check: (body) => {
        const m = single(body, monthField(q));
        const y = single(body, yearField(q));
        if (m === invalid || y === invalid || (!m && !y)) return undefined;
        if (!y) return `Indiquez l’année de « ${q.label} »`;
        if (!/^\d{4}$/.test(y) || Number(y) < 1990 || Number(y) > currentYear() + 5) {
          return `L’année de « ${q.label} » doit être comprise entre 1990 et ${currentYear() + 5}`;
        }
        if (q.notBefore) {
          const own = readMonth(body, q.id);
          const start = readMonth(body, q.notBefore);
          if (typeof own === 'string' && typeof start === 'string' && own < start) {
            return `« ${q.label} » doit être postérieure ou égale à « ${labelOf(q.notBefore)} »`;
          }
        }
        return undefined;
      },
    },
  ],
  parse: (q, body) => {
    const value = readMonth(body, q.id);
    return typeof value === 'string' ? value : undefined;
  },
  toForm: (q, value) => {
    const [y, m] = String(value).split('-');
    return { [monthField(q)]: String(Number(m)), [yearField(q)]: y };
  },
  display: (_q, value) => [formatMonth(String(value))],
};
