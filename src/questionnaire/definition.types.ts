import type { Option } from '../reference';

/**
 * Types of the questionnaire definition. One definition (definition.ts) drives page rendering,
 * server-side validation, storage, the review page, moderation and exports: adding a question
 * is a change to the definition only.
 */

export type QuestionType =
  | 'text' // short text, one line
  | 'textarea' // long text, live character counter, server-side maxLength
  | 'single' // single choice (radios, or a select when options > 8 and `display: 'select'`)
  | 'multiple' // multiple choice (checkboxes), optional « Autre (préciser) »
  | 'integer' // whole number with optional unit and bounds
  | 'decimal' // decimal number (comma or dot) with optional unit and bounds
  | 'month' // month/year, stored as 'YYYY-MM'
  | 'email'
  | 'phone' // French formats: 0X XX XX XX XX, +33 X XX XX XX XX
  | 'siret' // 14 digits, Luhn-checked
  | 'territory' // région → département → commune(s) pickers (INSEE codes)
  | 'qpv' // QPV code + name, generation (2015 'QP' + 6 digits, 2024 'QN' + 5 digits + letter)
  | 'yesno' // radios Oui / Non
  | 'consent'; // a single checkbox that must be ticked when `required`

export type { Option };

/** Show this question only when another question of the same section has the given value. */
export interface Condition {
  /** id of the controlling question (same section, earlier in the list). */
  questionId: string;
  /** The question is shown (and validated) when the controlling answer equals / includes this value. */
  equals: string;
}

export interface Question {
  /** Stable id, camelCase ASCII, unique across the whole questionnaire; used as the form field name. */
  id: string;
  type: QuestionType;
  /** French label (the question). */
  label: string;
  /** French hint text shown under the label. */
  hint?: string;
  required?: boolean;
  /** For 'text' and 'textarea': maximum length in characters (server-side and counter). */
  maxLength?: number;
  /** For 'textarea': minimum length in characters when answered. */
  minLength?: number;
  /** For 'single' and 'multiple'. */
  options?: Option[];
  /** For 'single': render as a <select> instead of radios. */
  display?: 'select';
  /** For 'multiple': adds « Autre (préciser) » with a text field `${id}Autre` (max 200 chars). */
  allowOther?: boolean;
  /** For 'multiple': maximum number of choices. */
  maxChoices?: number;
  /** For 'integer' and 'decimal'. */
  min?: number;
  max?: number;
  /** For 'integer' and 'decimal': unit shown after the field: 'heures', 'ETP', '€', '%', 'mois'… */
  unit?: string;
  /** For 'month': this answer must not be before the answer to the given question id. */
  notBefore?: string;
  /** For 'integer'/'decimal': must be ≤ the answer to the given question id (e.g. women ≤ participants). */
  notGreaterThan?: string;
  /** For 'territory': allow several communes (default: one). */
  multipleCommunes?: boolean;
  /** For 'qpv': allow several QPV (default: one). */
  multipleQpv?: boolean;
  /** Conditional follow-up. */
  showIf?: Condition;
  /** Autocomplete token for the input (HTML autocomplete attribute), e.g. 'email', 'name', 'tel'. */
  autocomplete?: string;
  /** Shown publicly when the practice is published (informational, drives the intro page). */
  public?: boolean;
}

export interface Section {
  /** Letter A–L (stable). */
  key: string;
  /** URL slug in French, e.g. 'repondant', 'territoire'. */
  slug: string;
  /** French title. */
  title: string;
  /** French introduction shown at the top of the page. */
  intro?: string;
  questions: Question[];
  /** Section L hosts the attachments upload widget in addition to its questions. */
  attachments?: boolean;
}

export interface QuestionnaireDefinition {
  /** Bumped on every change of questions or options; each response records it. */
  version: number;
  title: string;
  sections: Section[];
}
