import type { Question, QuestionnaireDefinition, QuestionType, Section } from './definition.types';
import { handlers } from './question-types';

/** Form fields the pages themselves post, which no question may use. */
const reservedFields = ['_csrf', 'action', 'retour', 'supprimer', 'site_web', 'fichiers'];

/** The values a condition can test, by type of the controlling question. */
function possibleValues(q: Question): string[] | undefined {
  const kinds: Partial<Record<QuestionType, () => string[]>> = {
    single: () => (q.options ?? []).map((o) => o.value),
    multiple: () => [...(q.options ?? []).map((o) => o.value), ...(q.allowOther ? ['autre'] : [])],
    yesno: () => ['oui', 'non'],
    consent: () => ['oui'],
  };
  return kinds[q.type]?.();
}

type Note = (q: Question, message: string) => void;

/** Values written twice in a list. */
const doubles = (values: string[]) => values.filter((v, i) => values.indexOf(v) !== i);

/** A question's own form fields and options: reserved names, fields used twice, options. */
function checkFields(q: Question, seen: Map<string, string>, note: Note) {
  for (const field of handlers[q.type].fields(q)) {
    if (reservedFields.includes(field) || field.startsWith('legende-')) {
      note(q, `le champ « ${field} » est réservé au formulaire`);
    }
    const owner = seen.get(field);
    if (owner !== undefined) note(q, `champ « ${field} » en double (déjà utilisé par ${owner})`);
    seen.set(field, q.id);
  }
  if ((q.type === 'single' || q.type === 'multiple') && !q.options?.length) {
    note(q, 'une question à choix doit avoir des options');
  }
  for (const v of doubles(q.options?.map((o) => o.value) ?? []))
    note(q, `option « ${v} » en double`);
}

/** Conditions and comparisons: to an earlier question of the same step, of a fitting type. */
function checkReferences(
  q: Question,
  section: Section,
  definition: QuestionnaireDefinition,
  earlier: Map<string, Question>,
  note: Note,
) {
  const references: Array<[string, string | undefined, QuestionType[]]> = [
    ['showIf', q.showIf?.questionId, ['single', 'multiple', 'yesno', 'consent']],
    ['notBefore', q.notBefore, ['month']],
    ['notGreaterThan', q.notGreaterThan, ['integer', 'decimal']],
  ];
  const has = (s: Section, id: string) => s.questions.some((other) => other.id === id);
  for (const [kind, target, types] of references) {
    if (target === undefined) continue;
    const ref = earlier.get(target);
    if (!ref) {
      const elsewhere = definition.sections.some((s) => s !== section && has(s, target));
      note(
        q,
        elsewhere
          ? `${kind} vise ${target}, qui doit être sur la même étape`
          : has(section, target)
            ? `${kind} vise ${target}, qui doit venir avant`
            : `${kind} vise ${target}, qui n’existe pas`,
      );
    } else if (!types.includes(ref.type)) {
      note(q, `${kind} vise ${target}, de type ${ref.type} (attendu : ${types.join(', ')})`);
    } else if (kind === 'showIf' && !possibleValues(ref)!.includes(q.showIf!.equals)) {
      note(q, `showIf attend « ${q.showIf!.equals} », que ${target} ne prend jamais`);
    }
  }
}

/**
 * Everything in the definition that would silently break a page: duplicate ids or form fields,
 * and conditions or comparisons pointing to a question that does not exist, is on another page
 * (they read the same form), comes later, has an incompatible type or can never hold the value.
 * Returns French sentences naming the question; empty when the definition is sound.
 */
export function definitionProblems(definition: QuestionnaireDefinition): string[] {
  const problems: string[] = [];
  const note: Note = (q, message) => problems.push(`${q.id} : ${message}`);
  const ids = definition.sections.flatMap((s) => s.questions.map((q) => q.id));
  for (const id of doubles(ids)) problems.push(`${id} : identifiant en double`);
  for (const [name, values] of [
    ['clé', definition.sections.map((s) => s.key)],
    ['slug', definition.sections.map((s) => s.slug)],
  ] as const) {
    for (const v of doubles(values)) problems.push(`étape : ${name} « ${v} » en double`);
  }
  const seen = new Map<string, string>();
  for (const section of definition.sections) {
    const earlier = new Map<string, Question>();
    for (const q of section.questions) {
      checkFields(q, seen, note);
      checkReferences(q, section, definition, earlier, note);
      earlier.set(q.id, q);
    }
  }
  return problems;
}
