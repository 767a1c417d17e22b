import { questionnaire } from './definition';
import { definitionProblems } from './definition.check';
import type { Question, Section } from './definition.types';
import type { Body } from './form-input';
import { list, single } from './form-input';
import { handlers, type Answers } from './question-types';
import type { SectionState, SurveyResponse } from './response.model';

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

/**
 * The one completeness rule (saving, task list, review, sending): every required, visible
 * question has an answer and, on the page with files, every image has a description.
 */
export function isSectionComplete(
  section: Section,
  response: Pick<SurveyResponse, 'answers' | 'attachments'>,
): boolean {
  const { answers } = response;
  return (
    section.questions.every(
      (q) => !q.required || !isVisible(q, { answers }) || answers[q.id] !== undefined,
    ) &&
    (!section.attachments || response.attachments.every((a) => !a.image || Boolean(a.caption)))
  );
}

/**
 * Where the person stands on a page: what the last save recorded ('termine' after « Enregistrer
 * et continuer » with everything needed), unless the page is no longer complete since (an image
 * added without its description).
 */
export function sectionState(response: SurveyResponse, section: Section): SectionState | 'a-faire' {
  const recorded = response.sectionStatus[section.slug] ?? 'a-faire';
  return recorded === 'termine' && !isSectionComplete(section, response) ? 'en-cours' : recorded;
}
