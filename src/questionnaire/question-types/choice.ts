import type { Question } from '../definition.types';
import { invalid, list, single, type Body } from '../form-input';
import { acceptedValues, badValue, oneValue, optionLabel, requiredChoice, text } from './common';
import type { TypeHandler } from './types';

const otherField = (q: Question) => `${q.id}Autre`;

export const singleChoice: TypeHandler = {
  fields: (q) => [q.id],
  rules: (q, { complete, stored }) => [
    oneValue(q, complete, requiredChoice, (value) =>
      acceptedValues(q, stored?.[q.id]).has(value) ? undefined : badValue,
    ),
  ],
  parse: (q, body) => text(body, q.id) || undefined,
  toForm: (q, value) => ({ [q.id]: String(value) }),
  display: (q, value) => [optionLabel(q, String(value))],
};

const yesNoOptions = [
  { value: 'oui', label: 'Oui' },
  { value: 'non', label: 'Non' },
];
export const yesNo: TypeHandler = {
  ...singleChoice,
  rules: (q, opts) => singleChoice.rules({ ...q, options: yesNoOptions }, opts),
  display: (_q, value) => [value === 'oui' ? 'Oui' : 'Non'],
};

/** Multiple choice: stored as codes; « Autre » is stored as 'autre:<text>'. */
export const multipleChoice: TypeHandler = {
  fields: (q) => [q.id, ...(q.allowOther ? [otherField(q)] : [])],
  rules: (q, { complete, stored }) => [
    {
      field: q.id,
      check: (body) => {
        const values = list(body, q.id);
        if (values === invalid) return badValue;
        if (values.length === 0)
          return complete && q.required
            ? `Cochez au moins une réponse à « ${q.label} »`
            : undefined;
        const allowed = acceptedValues(q, stored?.[q.id]);
        if (q.allowOther) allowed.add('autre');
        if (!values.every((v) => allowed.has(v))) return badValue;
        if (q.maxChoices && values.length > q.maxChoices)
          return `Cochez au plus ${q.maxChoices} réponses à « ${q.label} »`;
        return undefined;
      },
    },
    ...(q.allowOther
      ? [
          {
            field: otherField(q),
            check: (body: Body) => {
              const values = list(body, q.id);
              const other = single(body, otherField(q));
              if (other === invalid) return badValue;
              if (values !== invalid && values.includes('autre') && !other)
                return `Précisez votre réponse « Autre » à « ${q.label} »`;
              if (other.length > 200)
                return 'La précision « Autre » doit contenir au plus 200 caractères';
              return undefined;
            },
          },
        ]
      : []),
  ],
  parse: (q, body) => {
    const values = [...new Set(list(body, q.id) as string[])];
    const other = text(body, otherField(q));
    const stored = values.map((v) => (v === 'autre' ? `autre:${other}` : v));
    return stored.length ? stored : undefined;
  },
  toForm: (q, value) => {
    const values = value as string[];
    const other = values.find((v) => v.startsWith('autre:'));
    return {
      [q.id]: values.map((v) => (v.startsWith('autre:') ? 'autre' : v)),
      ...(other ? { [otherField(q)]: other.slice('autre:'.length) } : {}),
    };
  },
  display: (q, value) =>
    (value as string[]).map((v) =>
      v.startsWith('autre:') ? `Autre : ${v.slice('autre:'.length)}` : optionLabel(q, v),
    ),
};

export const consent: TypeHandler = {
  fields: (q) => [q.id],
  rules: (q, { complete }) => [
    {
      field: q.id,
      check: (body) => {
        const value = single(body, q.id);
        if (value === invalid || (value && value !== 'oui')) return badValue;
        return !value && complete && q.required
          ? 'Cochez la case pour indiquer votre accord'
          : undefined;
      },
    },
  ],
  parse: (q, body) => (text(body, q.id) === 'oui' ? 'oui' : undefined),
  toForm: (q, value) => ({ [q.id]: String(value) }),
  display: () => ['Oui'],
};
