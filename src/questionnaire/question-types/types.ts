import type { Question } from '../definition.types';
import type { Body } from '../form-input';

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

/**
 * How rules are built: `complete` enforces required answers; labelOf names other questions;
 * `stored` are the answers already saved in this draft (a retired choice they hold stays valid).
 */
export interface RuleOptions {
  complete: boolean;
  labelOf(id: string): string;
  stored?: Answers;
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
