import { joinValues, type Cell } from '../lib/export';
import { allQuestions } from '../questionnaire/questionnaire';
import { handlers, type Answer } from '../questionnaire/question-types';
import { ResponseModel, type SurveyResponse } from '../questionnaire/response.model';
import { matchingIds, type InboxFilters } from './inbox.service';
import { departmentName, regionName } from './labels';
import { statusLabels } from './statuses';

/** French headers: the response's facts, then one column per question of the definition. */
export const exportHeaders: readonly string[] = [
  'Référence',
  'Date d’envoi',
  'Statut',
  'Région',
  'Département',
  'Exemple fictif',
  'Version du questionnaire',
  ...allQuestions.map((q) => q.label),
];

/** A stored answer as a cell: numbers stay numbers, several values are joined. */
function answerCell(questionIndex: number, value: Answer | undefined): Cell {
  if (value === undefined || value === null) return '';
  const q = allQuestions[questionIndex];
  if ((q.type === 'integer' || q.type === 'decimal') && typeof value === 'number') return value;
  return joinValues(handlers[q.type].display(q, value));
}

type Exported = Pick<
  SurveyResponse,
  '_id' | 'answers' | 'summary' | 'definitionVersion' | 'fictitious'
>;
const exported = { answers: 1, summary: 1, definitionVersion: 1, fictitious: 1 };

export function exportRow(r: Exported): Cell[] {
  const s = r.summary!;
  return [
    s.reference,
    s.submittedAt,
    statusLabels[s.status] ?? s.status,
    regionName(s.region),
    departmentName(s.department),
    Boolean(r.fictitious),
    r.definitionVersion,
    ...allQuestions.map((q, i) => answerCell(i, r.answers[q.id])),
  ];
}

/** How many responses are read ahead of the one being written (reads by `_id` share the lock). */
const readAhead = 8;

/**
 * The rows of the inbox's filtered responses, oldest first: the ids come from the in-memory inbox
 * rows, then each response is read by `_id` alone (FerretDB decodes only that one; a filter on
 * other fields, `$in` included, decodes every response) a few at a time, so memory stays flat
 * whatever the number.
 */
export async function* exportRows(query: InboxFilters, scope?: string[]): AsyncIterable<Cell[]> {
  const ids = await matchingIds(query, scope);
  const read = (_id: string) => ResponseModel.findOne({ _id }, exported).lean<Exported>().exec();
  const ahead: Array<Promise<Exported | null>> = [];
  let next = 0;
  try {
    while (next < ids.length || ahead.length) {
      while (ahead.length < readAhead && next < ids.length) ahead.push(read(ids[next++]));
      const r = await ahead.shift()!;
      // A response gone meanwhile, or moved out of the moderator's régions, is left out.
      if (r?.summary && (!scope || scope.includes(r.summary.region))) yield exportRow(r);
    }
  } finally {
    // The download stopped early: reads still running end unobserved.
    for (const pending of ahead) pending.catch(() => undefined);
  }
}

export async function countExported(query: InboxFilters, scope?: string[]) {
  return (await matchingIds(query, scope)).length;
}
