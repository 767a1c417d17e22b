import { questionnaire } from './definition';
import { definitionProblems } from './definition.check';
import type { Question, Section } from './definition.types';
import type { Body } from './form-input';
import { list, single } from './form-input';
import { handlers, type Answers } from './question-types';

// A broken reference would hide a question forever or fail every save: refuse to start instead.
const problems = definitionProblems(questionnaire);
if (problems.length) {
  throw new Error(`Définition du questionnaire incohérente :\n${problems.join('\n')}`);
}

/** Lookups over the one questionnaire definition. */
export const definition = questionnaire;
export const sections = questionnaire.sections;
export const allQuestions: Question[] = sections.flatMap((s) => s.questions);
const questionsById = new Map(allQuestions.map((q) => [q.id, q]));

export const labelOf = (id: string): string => questionsById.get(id)?.label ?? id;

export function sectionBySlug(slug: string): Section | undefined {
  return sections.find((s) => s.slug === slug);
}

export function sectionIndex(section: Section): number {
  return sections.indexOf(section);
}

/** Is the question shown, given the answers of its page (stored answers or a submitted form)? */
export function isVisible(q: Question, source: { answers?: Answers; body?: Body }): boolean {
  if (!q.showIf) return true;
  const { questionId, equals } = q.showIf;
  if (source.body) {
    const values = list(source.body, questionId);
    const one = single(source.body, questionId);
    return (Array.isArray(values) && values.includes(equals)) || one === equals;
  }
  const answer = source.answers?.[questionId];
  return Array.isArray(answer) ? (answer as unknown[]).includes(equals) : answer === equals;
}

/** Field name → question, to build the error summary links. */
export function firstField(q: Question): string {
  return handlers[q.type].fields(q)[0];
}

/** Has every required, visible question of the section an answer? */
export function isSectionComplete(section: Section, answers: Answers): boolean {
  return section.questions.every(
    (q) => !q.required || !isVisible(q, { answers }) || answers[q.id] !== undefined,
  );
}
