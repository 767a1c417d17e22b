import type { Request } from 'express';
import { body, validationResult, type ValidationChain } from 'express-validator';
import type { Section } from './definition.types';
import type { Body } from './form-input';
import { handlers, type Answers } from './question-types';
import { isVisible, labelOf } from './questionnaire';

export interface FieldError {
  field: string;
  message: string;
}

/**
 * express-validator chains generated from the definition: one chain per form field, skipped when
 * the question is hidden by its condition. `complete` also enforces required answers (« Enregistrer
 * et continuer »); without it only the format of what was typed is checked (drafts).
 */
function buildChains(section: Section, complete: boolean, stored: Answers): ValidationChain[] {
  return section.questions.flatMap((q) =>
    handlers[q.type].rules(q, { complete, labelOf, stored }).map((rule) =>
      body(rule.field)
        .if((_value, { req }) => isVisible(q, { body: req.body as Body }))
        .custom((_value, { req }) => {
          const message = rule.check(req.body as Body);
          if (message) throw new Error(message);
          return true;
        }),
    ),
  );
}

/**
 * Validates the section's form against the choices offered now (the vocabularies change at run
 * time) and the draft's `stored` answers; on success returns the answers to store.
 */
export async function validateSection(
  section: Section,
  req: Request,
  complete: boolean,
  stored: Answers,
): Promise<{ errors: FieldError[]; answers: Answers }> {
  const form = (req.body ?? {}) as Body;
  req.body = form;
  for (const chain of buildChains(section, complete, stored)) await chain.run(req);
  const errors = validationResult(req)
    .array({ onlyFirstError: true })
    .map((e) => ({ field: e.type === 'field' ? e.path : '', message: String(e.msg) }));
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
