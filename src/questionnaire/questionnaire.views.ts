import type { Config } from '../lib/config';
import { acceptAttribute } from '../lib/files/file-type';
import { viewHelpers } from '../lib/http/view-helpers';
import { communesOf, departmentsOf, regions } from '../reference';
import type { Question, Section } from './definition.types';
import { captionField } from './attachments.service';
import type { Body } from './form-input';
import { handlers, type Answers, type FormValues } from './question-types';
import { firstField, isVisible, sectionIndex, sections, sectionState } from './questionnaire';
import type { SurveyResponse } from './response.model';
import type { FieldError } from '../lib/http/form';

/** View models: templates receive plain data, no business logic. */

const { formatBytes } = viewHelpers;

export type TaskState = 'a-faire' | 'en-cours' | 'termine';
export const taskLabels: Record<TaskState, string> = {
  'a-faire': 'À faire',
  'en-cours': 'En cours',
  termine: 'Terminé',
};

export function taskList(response: SurveyResponse) {
  return sections.map((s, i) => {
    const state: TaskState = sectionState(response, s);
    return { number: i + 1, slug: s.slug, title: s.title, state, label: taskLabels[state] };
  });
}

/** Form values from stored answers (first display) or from the submitted body (after an error). */
export function formValues(section: Section, answers: Answers, body?: Body): FormValues {
  if (body) {
    const values: FormValues = {};
    for (const [key, value] of Object.entries(body)) {
      if (
        typeof value === 'string' ||
        (Array.isArray(value) && value.every((v) => typeof v === 'string'))
      ) {
        values[key] = value as string | string[];
      }
    }
    return values;
  }
  return Object.assign(
    {},
    ...section.questions
      .filter((q) => answers[q.id] !== undefined)
      .map((q) => handlers[q.type].toForm(q, answers[q.id])),
  );
}

const asList = (v: string | string[] | undefined): string[] =>
  v === undefined ? [] : Array.isArray(v) ? v : [v];
const asText = (v: string | string[] | undefined): string => (typeof v === 'string' ? v : '');

/** Choices the territory pickers need for what is selected so far. */
function territoryChoices(q: Question, form: FormValues) {
  const region = asText(form[`${q.id}Region`]);
  const department = asText(form[`${q.id}Departement`]);
  const departments = region ? departmentsOf(region) : [];
  const communes =
    department && departments.some((d) => d.code === department) ? communesOf(department) : [];
  const chosen = asList(form[`${q.id}Communes`]).filter(Boolean);
  const slots = communes.length
    ? [...chosen, ...(q.multipleCommunes || chosen.length === 0 ? [''] : [])]
    : [];
  return { regions: regions(), departments, communes, region, department, slots };
}

function qpvRows(q: Question, form: FormValues) {
  const codes = asList(form[`${q.id}Code`]);
  const names = asList(form[`${q.id}Nom`]);
  const rows = codes
    .map((code, i) => ({ code, name: names[i] ?? '' }))
    .filter((r) => r.code || r.name);
  return q.multipleQpv || rows.length === 0 ? [...rows, { code: '', name: '' }] : rows;
}

/** Choices shown: those still offered, plus a retired one the form already holds (kept). */
function shownOptions(q: Question, form: FormValues) {
  const held = asList(form[q.id]);
  return (q.options ?? []).filter((o) => !o.retired || held.includes(o.value));
}

/** « Si vous avez répondu « Oui » à la question « … » : » — shown above a follow-up question. */
function conditionNote(section: Section, q: Question): string | undefined {
  if (!q.showIf) return undefined;
  const control = section.questions.find((c) => c.id === q.showIf!.questionId);
  const options =
    control?.type === 'yesno'
      ? [
          { value: 'oui', label: 'Oui' },
          { value: 'non', label: 'Non' },
        ]
      : (control?.options ?? []);
  const answer = options.find((o) => o.value === q.showIf!.equals)?.label ?? q.showIf.equals;
  return `Si vous avez répondu « ${answer} » à la question « ${control?.label ?? ''} » :`;
}

export function sectionPage(
  response: SurveyResponse,
  section: Section,
  opts: {
    token: string;
    form: FormValues;
    errors: FieldError[];
    fromReview: boolean;
    limits: Config['uploads'];
  },
) {
  const index = sectionIndex(section);
  const errorFor = Object.fromEntries(opts.errors.map((e) => [e.field, e.message]));
  const questions = section.questions.map((q) => ({
    q,
    firstField: firstField(q),
    initiallyHidden: !isVisible(q, { body: opts.form as Body }),
    conditionNote: conditionNote(section, q),
    territory: q.type === 'territory' ? territoryChoices(q, opts.form) : undefined,
    qpvRows: q.type === 'qpv' ? qpvRows(q, opts.form) : undefined,
    options: shownOptions(q, opts.form),
  }));
  return {
    pageTitle: `${opts.errors.length ? 'Erreur : ' : ''}${section.title} (étape ${index + 1} sur ${sections.length})`,
    section,
    step: index + 1,
    stepCount: sections.length,
    previous: index > 0 ? sections[index - 1].slug : undefined,
    token: opts.token,
    fromReview: opts.fromReview,
    submitted: response.status === 'envoyee',
    form: opts.form,
    errors: opts.errors,
    errorFor,
    questions,
    // The hint and the file input's accept= follow the configured limits and the type table.
    upload: section.attachments
      ? {
          accept: acceptAttribute,
          maxFiles: opts.limits.maxFiles,
          maxFile: formatBytes(opts.limits.maxFileBytes),
          maxTotal: formatBytes(opts.limits.maxTotalBytes),
        }
      : undefined,
    attachments: section.attachments
      ? response.attachments.map((a) => ({
          id: String(a.fileId),
          filename: a.filename,
          size: a.size,
          image: a.image,
          captionField: captionField(a.fileId),
          caption: asText(opts.form[captionField(a.fileId)]) || a.caption || '',
        }))
      : undefined,
  };
}

/** The review page: every section with its answered questions as label → lines. */
export function reviewSections(response: SurveyResponse) {
  return sections.map((s, i) => ({
    number: i + 1,
    slug: s.slug,
    title: s.title,
    state: sectionState(response, s),
    rows: s.questions
      .filter((q) => isVisible(q, { answers: response.answers }))
      .map((q) => ({
        label: q.label,
        lines:
          response.answers[q.id] === undefined
            ? []
            : handlers[q.type].display(q, response.answers[q.id]),
      })),
    attachments: s.attachments ? response.attachments : undefined,
  }));
}
