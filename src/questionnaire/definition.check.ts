import type { Question, QuestionnaireDefinition, QuestionType } from './definition.types';
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

/**
 * Everything in the definition that would silently break a page: duplicate ids or form fields,
 * and conditions or comparisons pointing to a question that does not exist, is on another page
 * (they read the same form), comes later, has an incompatible type or can never hold the value.
 * Returns French sentences naming the question; empty when the definition is sound.
 */
export function definitionProblems(definition: QuestionnaireDefinition): string[] {
  const problems: string[] = [];
  const ids = definition.sections.flatMap((s) => s.questions.map((q) => q.id));
  for (const id of ids.filter((id, i) => ids.indexOf(id) !== i)) {
    problems.push(`${id} : identifiant en double`);
  }
  const seen = new Map<string, string>();
  const note = (q: Question, message: string) => problems.push(`${q.id} : ${message}`);

  for (const [name, values] of [
    ['clé', definition.sections.map((s) => s.key)],
    ['slug', definition.sections.map((s) => s.slug)],
  ] as const) {
    for (const v of values.filter((v, i) => values.indexOf(v) !== i)) {
      problems.push(`étape : ${name} « ${v} » en double`);
    }
  }

  for (const section of definition.sections) {
    const earlier = new Map<string, Question>();
    for (const q of section.questions) {
      for (const field of handlers[q.type].fields(q)) {
        if (reservedFields.includes(field) || field.startsWith('legende-')) {
          note(q, `le champ « ${field} » est réservé au formulaire`);
        }
        const owner = seen.get(field);
        if (owner !== undefined)
          note(q, `champ « ${field} » en double (déjà utilisé par ${owner})`);
        seen.set(field, q.id);
      }
      if ((q.type === 'single' || q.type === 'multiple') && !q.options?.length) {
        note(q, 'une question à choix doit avoir des options');
      }
      const values = q.options?.map((o) => o.value) ?? [];
      for (const v of values.filter((v, i) => values.indexOf(v) !== i)) {
        note(q, `option « ${v} » en double`);
      }

      const references: Array<[string, string | undefined, QuestionType[]]> = [
        ['showIf', q.showIf?.questionId, ['single', 'multiple', 'yesno', 'consent']],
        ['notBefore', q.notBefore, ['month']],
        ['notGreaterThan', q.notGreaterThan, ['integer', 'decimal']],
      ];
      for (const [kind, target, types] of references) {
        if (target === undefined) continue;
        const ref = earlier.get(target);
        const elsewhere = definition.sections.some(
          (s) => s !== section && s.questions.some((other) => other.id === target),
        );
        if (!ref) {
          note(
            q,
            elsewhere
              ? `${kind} vise ${target}, qui doit être sur la même étape`
              : section.questions.some((other) => other.id === target)
                ? `${kind} vise ${target}, qui doit venir avant`
                : `${kind} vise ${target}, qui n’existe pas`,
          );
        } else if (!types.includes(ref.type)) {
          note(q, `${kind} vise ${target}, de type ${ref.type} (attendu : ${types.join(', ')})`);
        } else if (kind === 'showIf' && !possibleValues(ref)!.includes(q.showIf!.equals)) {
          note(q, `showIf attend « ${q.showIf!.equals} », que ${target} ne prend jamais`);
        }
      }
      earlier.set(q.id, q);
    }
  }
  return problems;
}
