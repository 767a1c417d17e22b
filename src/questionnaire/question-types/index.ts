import type { Question } from '../definition.types';
import { consent, multipleChoice, singleChoice, yesNo } from './choice';
import { month } from './month';
import { numberHandler } from './number';
import { qpv } from './qpv';
import { territory } from './territory';
import { textHandlers } from './text';
import type { TypeHandler } from './types';

export type * from './types';

/**
 * How each question type is read, checked, stored, put back in its form and displayed.
 * One handler per type of definition.types.ts.
 */
export const handlers: Record<Question['type'], TypeHandler> = {
  ...textHandlers,
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
