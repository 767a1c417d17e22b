import type { Request } from 'express';
import { body, matchedData } from 'express-validator';
import type { FieldError } from '../lib/http/form';
import { captionField } from './attachments.service';
import type { Section } from './definition.types';
import type { Body } from './form-input';
import { handlers, type Answers } from './question-types';
import { isVisible, labelOf } from './questionnaire';
import type { SurveyResponse } from './response.model';

/** The buttons and links of a questionnaire page, besides its questions. */
const pageFields = ['action', 'retour', 'supprimer'];

/**
 * The fields a page may send, declared from the definition (each question's inputs, the captions
 * of the response's files, the page's buttons): only these come back, through `matchedData`, as
 * sent (each question type checks and reads its own).
 */
export async function readSectionForm(
  req: Request,
  section: Section,
  response: Pick<SurveyResponse, 'attachments'>,
): Promise<Body> {
  const fields = [
    ...section.questions.flatMap((q) => handlers[q.type].fields(q)),
    ...(section.attachments ? response.attachments.map((a) => captionField(a.fileId)) : []),
    ...pageFields,
  ];
  for (const field of fields) await body(field).optional().run(req);
  return matchedData(req, { locations: ['body'], includeOptionals: false }) as Body;
}

/**
 * Checks a page's form against the definition, the choices offered now (the vocabularies change
 * at run time) and the draft's `stored` answers; on success returns the answers to store. A pure
 * function of the form: `complete` (« Enregistrer et continuer ») also enforces required answers.
 */
export function validateSection(
  section: Section,
  form: Body,
  complete: boolean,
  stored: Answers,
): { errors: FieldError[]; answers: Answers } {
  const errors: FieldError[] = [];
  for (const q of section.questions) {
    if (!isVisible(q, { body: form })) continue;
    for (const rule of handlers[q.type].rules(q, { complete, labelOf, stored })) {
      if (errors.some((e) => e.field === rule.field)) continue;
      const message = rule.check(form);
      if (message) errors.push({ field: rule.field, message });
    }
  }
  const answers: Answers = {};
  if (errors.length === 0) {
    for (const q of section.questions) {
      if (!isVisible(q, { body: form })) continue;
      const value = handlers[q.type].parse(q, form);
      if (value !== undefined) answers[q.id] = value;
    }
  }
  return { errors, answers };
}
