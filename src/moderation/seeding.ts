import { ResponseModel, type SurveyResponse } from '../questionnaire/response.model';
import { seedDemoResponses } from './demo-responses';
import { backfillInboxRows, syncInboxRows } from './inbox-rows';
import { fullSummary } from './summary';

/**
 * Gives every sent response stored before the inbox existed its summary (status « reçue »), each
 * by a conditional update (a response summarised meanwhile is left alone). Returns how many.
 */
export async function backfillSummaries(): Promise<number> {
  const missing = await ResponseModel.find(
    { status: 'envoyee', 'summary.status': { $exists: false } },
    { answers: 1, reference: 1, submittedAt: 1 },
  ).lean<Array<Pick<SurveyResponse, '_id' | 'answers' | 'reference' | 'submittedAt'>>>();
  const done: SurveyResponse['_id'][] = [];
  for (const r of missing) {
    const summary = fullSummary(r.answers, {
      reference: r.reference ?? '',
      submittedAt: r.submittedAt ?? new Date(0),
    });
    const result = await ResponseModel.updateOne(
      { _id: r._id, 'summary.status': { $exists: false } },
      { $set: { summary } },
    );
    if (result.modifiedCount) done.push(r._id);
  }
  await syncInboxRows(done);
  return done.length;
}

/** At start: summaries, then inbox rows, for responses stored without them. */
export async function backfillInbox(): Promise<void> {
  await backfillSummaries();
  await backfillInboxRows();
}

/** At seed time: the demo responses outside production, then summaries and rows for all. */
export async function seedResponses(options: { production: boolean }): Promise<number> {
  await ResponseModel.init();
  const added = options.production ? 0 : await seedDemoResponses();
  await backfillInbox();
  return added;
}
