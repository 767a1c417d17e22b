import { formatNumber, parseNumber } from '../form-input';
import { oneValue, requiredText, text } from './common';
import type { TypeHandler } from './types';

/** Whole or decimal numbers, French formats accepted, with bounds and « not more than » another answer. */
export function numberHandler(integer: boolean): TypeHandler {
  return {
    fields: (q) => [q.id],
    rules: (q, { complete, labelOf }) => [
      oneValue(q, complete, requiredText, (raw, body) => {
        const value = parseNumber(raw, integer);
        if (value === undefined) {
          return integer
            ? `« ${q.label} » doit être un nombre entier, par exemple 1200`
            : `« ${q.label} » doit être un nombre, par exemple 12,5`;
        }
        if (q.min !== undefined && value < q.min)
          return `« ${q.label} » doit être supérieur ou égal à ${formatNumber(q.min)}`;
        if (q.max !== undefined && value > q.max)
          return `« ${q.label} » doit être inférieur ou égal à ${formatNumber(q.max)}`;
        if (q.notGreaterThan) {
          const bound = parseNumber(text(body, q.notGreaterThan), integer);
          if (bound !== undefined && value > bound) {
            return `« ${q.label} » ne peut pas dépasser le nombre indiqué pour « ${labelOf(q.notGreaterThan)} » (${formatNumber(bound)})`;
          }
        }
        return undefined;
      }),
    ],
    parse: (q, body) => parseNumber(text(body, q.id), integer),
    toForm: (q, value) => ({ [q.id]: String(value).replace('.', ',') }),
    display: (q, value) => [`${formatNumber(value as number)}${q.unit ? ` ${q.unit}` : ''}`],
  };
}
