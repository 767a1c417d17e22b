import { normaliseQpvCode, qpvGeneration } from '../../reference';
import type { Question } from '../definition.types';
import { invalid, list, type Body } from '../form-input';
import { badValue } from './common';
import type { QpvAnswer, TypeHandler } from './types';
import { singleLine } from '../../lib/text';

/** QPV rows: code + name; the generation follows from the code's format. */
const qpvCodeField = (q: Question) => `${q.id}Code`;
const qpvNameField = (q: Question) => `${q.id}Nom`;
function qpvRows(q: Question, body: Body) {
  const codes = list(body, qpvCodeField(q));
  const names = list(body, qpvNameField(q));
  if (codes === invalid || names === invalid) return invalid;
  const rows = [];
  for (let i = 0; i < Math.max(codes.length, names.length); i++) {
    const code = normaliseQpvCode(codes[i] ?? '');
    const name = singleLine(names[i] ?? '');
    if (code || name) rows.push({ code, name });
  }
  return rows;
}
export const qpv: TypeHandler = {
  fields: (q) => [qpvCodeField(q), qpvNameField(q)],
  rules: (q, { complete }) => [
    {
      field: qpvCodeField(q),
      check: (body) => {
        const rows = qpvRows(q, body);
        if (rows === invalid) return badValue;
        if (rows.length === 0)
          return complete && q.required ? 'Indiquez au moins un quartier prioritaire' : undefined;
        if (!q.multipleQpv && rows.length > 1) return 'Indiquez un seul quartier prioritaire';
        if (rows.length > 20) return 'Indiquez au plus 20 quartiers prioritaires';
        const wrong = rows.find((r) => !r.code || qpvGeneration(r.code) === undefined);
        if (wrong) {
          return wrong.code
            ? `Le code QPV « ${wrong.code} » n’a pas un format reconnu : QP suivi de 6 chiffres (liste 2015, ex. QP093028) ou QN suivi de 5 chiffres et d’une lettre (liste 2024, ex. QN07501M)`
            : `Indiquez le code du quartier « ${wrong.name} »`;
        }
        return undefined;
      },
    },
    {
      field: qpvNameField(q),
      check: (body) => {
        const rows = qpvRows(q, body);
        if (rows === invalid) return undefined;
        const unnamed = rows.find((r) => r.code && !r.name);
        if (unnamed) return `Indiquez le nom du quartier ${unnamed.code}`;
        return rows.some((r) => r.name.length > 150)
          ? 'Le nom d’un quartier doit contenir au plus 150 caractères'
          : undefined;
      },
    },
  ],
  parse: (q, body) => {
    const rows = qpvRows(q, body);
    if (rows === invalid || rows.length === 0) return undefined;
    const unique = new Map(rows.map((r) => [r.code, r]));
    return [...unique.values()].map((r) => ({
      code: r.code,
      name: r.name,
      generation: qpvGeneration(r.code)!,
    }));
  },
  toForm: (q, value) => ({
    [qpvCodeField(q)]: (value as QpvAnswer[]).map((r) => r.code),
    [qpvNameField(q)]: (value as QpvAnswer[]).map((r) => r.name),
  }),
  display: (_q, value) =>
    (value as QpvAnswer[]).map((r) => `${r.name} (${r.code}, liste ${r.generation})`),
};
