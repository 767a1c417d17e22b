import { commune, department, region } from '../reference/geography';
import { normaliseQpvCode, qpvGeneration } from '../reference/qpv';
import type { Question } from './definition.types';
import { formatNumber, invalid, isEmail, list, parseNumber, single, type Body } from './form-input';

/** What a stored answer can be. Keys of `answers` are question ids from the definition. */
export interface TerritoryAnswer {
  region: string;
  department: string;
  communes: Array<{ code: string; name: string }>;
}
export interface QpvAnswer {
  code: string;
  name: string;
  generation: 2015 | 2024;
}
export type Answer = string | number | string[] | TerritoryAnswer | QpvAnswer[];
export type Answers = Record<string, Answer>;

/** Values to put back in the form's inputs, by field name. */
export type FormValues = Record<string, string | string[]>;

/** One check on one form field; returns a French message when the value is wrong. */
export interface Rule {
  field: string;
  check(body: Body): string | undefined;
}

/** How rules are built: `complete` enforces required answers; labelOf names other questions. */
export interface RuleOptions {
  complete: boolean;
  labelOf(id: string): string;
}

export interface TypeHandler {
  /** Form field names; the first is where the error summary links to. */
  fields(q: Question): string[];
  rules(q: Question, opts: RuleOptions): Rule[];
  /** The stored value from an already validated body (undefined = no answer). */
  parse(q: Question, body: Body): Answer | undefined;
  toForm(q: Question, value: Answer): FormValues;
  /** Lines shown on the review page and to moderators. */
  display(q: Question, value: Answer): string[];
}

const badValue = 'La valeur envoyée n’est pas valide : rechargez la page et réessayez.';
const otherField = (q: Question) => `${q.id}Autre`;
const monthNames = [
  'janvier',
  'février',
  'mars',
  'avril',
  'mai',
  'juin',
  'juillet',
  'août',
  'septembre',
  'octobre',
  'novembre',
  'décembre',
];
const currentYear = () => new Date().getFullYear();

const requiredText = (q: Question) => `Renseignez « ${q.label} »`;
const requiredChoice = (q: Question) => `Choisissez une réponse à « ${q.label} »`;

/** A rule on a one-input question: rejects arrays/objects, handles empty answers, then checks. */
function oneValue(
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

function text(body: Body, name: string): string {
  const value = single(body, name);
  return value === invalid ? '' : value;
}

/** Text-like questions: one input, a format check, stored as a string. */
function textLike(
  check: (value: string, q: Question) => string | undefined,
  normalise: (value: string) => string = (v) => v,
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

function numberHandler(integer: boolean): TypeHandler {
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

function optionLabel(q: Question, value: string): string {
  return q.options?.find((o) => o.value === value)?.label ?? value;
}

const singleChoice: TypeHandler = {
  fields: (q) => [q.id],
  rules: (q, { complete }) => [
    oneValue(q, complete, requiredChoice, (value) =>
      q.options?.some((o) => o.value === value) ? undefined : badValue,
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
const yesNo: TypeHandler = {
  ...singleChoice,
  rules: (q, opts) => singleChoice.rules({ ...q, options: yesNoOptions }, opts),
  display: (_q, value) => [value === 'oui' ? 'Oui' : 'Non'],
};

/** Multiple choice: stored as codes; « Autre » is stored as 'autre:<text>'. */
const multipleChoice: TypeHandler = {
  fields: (q) => [q.id, ...(q.allowOther ? [otherField(q)] : [])],
  rules: (q, { complete }) => [
    {
      field: q.id,
      check: (body) => {
        const values = list(body, q.id);
        if (values === invalid) return badValue;
        if (values.length === 0)
          return complete && q.required
            ? `Cochez au moins une réponse à « ${q.label} »`
            : undefined;
        const allowed = new Set([
          ...(q.options ?? []).map((o) => o.value),
          ...(q.allowOther ? ['autre'] : []),
        ]);
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
const month: TypeHandler = {
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
  display: (_q, value) => {
    const [y, m] = String(value).split('-');
    return [`${monthNames[Number(m) - 1]} ${y}`];
  },
};

const consent: TypeHandler = {
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

/** Territory: région → département → commune(s), by INSEE code, checked for consistency. */
const regionField = (q: Question) => `${q.id}Region`;
const departmentField = (q: Question) => `${q.id}Departement`;
const communesField = (q: Question) => `${q.id}Communes`;
const territory: TypeHandler = {
  fields: (q) => [regionField(q), departmentField(q), communesField(q)],
  rules: (q, { complete }) => [
    {
      field: regionField(q),
      check: (body) => {
        const r = single(body, regionField(q));
        if (r === invalid) return badValue;
        if (!r) return complete && q.required ? 'Choisissez la région' : undefined;
        return region(r) ? undefined : 'Cette région n’existe pas : choisissez-la dans la liste';
      },
    },
    {
      field: departmentField(q),
      check: (body) => {
        const r = single(body, regionField(q));
        const d = single(body, departmentField(q));
        if (d === invalid || r === invalid) return badValue;
        if (!d) return complete && q.required && r ? 'Choisissez le département' : undefined;
        const dep = department(d);
        if (!dep) return 'Ce département n’existe pas : choisissez-le dans la liste';
        if (r && dep.region !== r)
          return `Le département ${dep.name} n’est pas dans la région choisie`;
        return undefined;
      },
    },
    {
      field: communesField(q),
      check: (body) => {
        const d = single(body, departmentField(q));
        const codes = list(body, communesField(q));
        if (codes === invalid || d === invalid) return badValue;
        const chosen = codes.filter(Boolean);
        if (chosen.length === 0)
          return complete && q.required && d ? 'Choisissez au moins une commune' : undefined;
        if (!q.multipleCommunes && chosen.length > 1) return 'Choisissez une seule commune';
        for (const code of chosen) {
          const c = commune(code);
          if (!c) return `La commune de code ${code} n’existe pas`;
          if (c.department !== d)
            return `La commune ${c.name} n’est pas dans le département choisi`;
        }
        return undefined;
      },
    },
  ],
  parse: (q, body) => {
    const r = text(body, regionField(q));
    const d = text(body, departmentField(q));
    if (!r) return undefined;
    const codes = [...new Set((list(body, communesField(q)) as string[]).filter(Boolean))];
    return {
      region: r,
      department: d,
      communes: codes.map((code) => ({ code, name: commune(code)!.name })),
    };
  },
  toForm: (q, value) => {
    const t = value as TerritoryAnswer;
    return {
      [regionField(q)]: t.region,
      [departmentField(q)]: t.department,
      [communesField(q)]: t.communes.map((c) => c.code),
    };
  },
  display: (_q, value) => {
    const t = value as TerritoryAnswer;
    const dep = t.department ? department(t.department) : undefined;
    return [
      `Région : ${region(t.region)?.name ?? t.region}`,
      ...(dep ? [`Département : ${dep.name} (${dep.code})`] : []),
      ...(t.communes.length
        ? [
            `Commune${t.communes.length > 1 ? 's' : ''} : ${t.communes.map((c) => `${c.name} (${c.code})`).join(', ')}`,
          ]
        : []),
    ];
  },
};

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
    const name = (names[i] ?? '').trim();
    if (code || name) rows.push({ code, name });
  }
  return rows;
}
const qpv: TypeHandler = {
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

export const handlers: Record<Question['type'], TypeHandler> = {
  text: textLike(() => undefined),
  textarea: textLike(() => undefined),
  email: textLike((v) =>
    isEmail(v) ? undefined : 'Saisissez une adresse e-mail valide, par exemple nom@exemple.fr',
  ),
  phone: textLike(
    (v) =>
      phonePattern.test(compactPhone(v))
        ? undefined
        : 'Saisissez un numéro de téléphone français valide, par exemple 01 23 45 67 89 ou +33 6 12 34 56 78',
    compactPhone,
  ),
  siret: textLike(
    (v) =>
      validSiret(v.replace(/\s/g, ''))
        ? undefined
        : 'Le numéro SIRET doit comporter 14 chiffres valides, par exemple 130 005 481 00010',
    (v) => v.replace(/\s/g, ''),
  ),
  single: singleChoice,
  yesno: yesNo,
  multiple: multipleChoice,
  integer: numberHandler(true),
  decimal: numberHandler(false),
  month,
  consent,
  territory,
  qpv,
};
