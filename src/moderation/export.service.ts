import { joinValues, type Cell } from '../lib/export';
import { allQuestions } from '../questionnaire/questionnaire';
import { handlers, type Answer } from '../questionnaire/question-types';
import { ResponseModel, type SurveyResponse } from '../questionnaire/response.model';
import type { InboxQuery } from './inbox.filters';
import { inboxFilter } from './inbox.service';
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

/**
 * The rows of the inbox's filtered responses, read one at a time from a database cursor (memory
 * stays flat whatever the number), oldest first.
 */
export async function* exportRows(
  query: Omit<InboxQuery, 'sort' | 'page'>,
  scope?: string[],
): AsyncIterable<Cell[]> {
  const cursor = ResponseModel.find(await inboxFilter(query, scope), {
    answers: 1,
    summary: 1,
    definitionVersion: 1,
    fictitious: 1,
  })
    .sort({ 'summary.submittedAt': 1, _id: 1 })
    .lean<Exported[]>()
    .cursor({ batchSize: 200 });
  try {
    for await (const r of cursor) yield exportRow(r as Exported);
  } finally {
    await cursor.close();
  }
}

export async function countExported(query: Omit<InboxQuery, 'sort' | 'page'>, scope?: string[]) {
  return ResponseModel.countDocuments(await inboxFilter(query, scope));
}
