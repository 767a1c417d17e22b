import { wholeReadBatch } from '../lib/db/whole-read';
import { record } from '../audit';
import { joinValues, type Cell } from '../lib/export';
import { allQuestions } from '../questionnaire';
import { handlers, type Answer } from '../questionnaire';
import { ResponseModel, type SurveyResponse } from '../questionnaire';
import { matchingIds, type InboxFilters } from './inbox.service';
import { visibleTo, type Moderator } from './status.service';
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

/**
 * Up to this many responses, each is read by `_id` alone (the one filter FerretDB answers from
 * its index); beyond, one sorted pass over the sent responses costs less, since FerretDB decodes
 * every document for any other query (measured: a pass ≈ 500 reads by `_id`).
 */
const maxReadsById = 100;

/**
 * The rows of the inbox's filtered responses, oldest first: the ids come from the in-memory inbox
 * rows, the answers from the database one response at a time, so memory stays flat whatever the
 * number. A response gone, or moved out of the moderator's régions meanwhile, is left out.
 */
export async function* exportRows(
  query: InboxFilters,
  scope?: string[],
  readsById = maxReadsById,
): AsyncIterable<Cell[]> {
  const ids = await matchingIds(query, scope);
  const kept = (r: Exported | null): r is Exported => visibleTo(r, scope);
  if (ids.length <= readsById) {
    for (const _id of ids) {
      const r = await ResponseModel.findOne({ _id }, exported).lean<Exported>();
      if (kept(r)) yield exportRow(r);
    }
    return;
  }
  const wanted = new Set(ids);
  const cursor = ResponseModel.find({ status: 'envoyee' }, exported)
    .sort({ 'summary.submittedAt': 1, _id: 1 })
    .lean<Exported[]>()
    .cursor({ batchSize: wholeReadBatch });
  try {
    for await (const r of cursor as AsyncIterable<Exported>) {
      if (wanted.has(String(r._id)) && kept(r)) yield exportRow(r);
    }
  } finally {
    await cursor.close();
  }
}

/** Counts what an export will hold, and records the export in the journal. */
export async function recordExport(
  moderator: Moderator,
  format: string,
  query: InboxFilters,
  filters: string,
) {
  const count = (await matchingIds(query, moderator.scope)).length;
  await record({
    actor: moderator,
    action: 'responses.exported',
    details: { format, count, filters },
    ip: moderator.ip,
  });
}
