import type { Migration } from '../lib/migrations';
import {
  fullSummary,
  resultQuestionIds,
  ResponseModel,
  summarySet,
  type SurveyResponse,
} from '../questionnaire';
import { rowsChanged } from './inbox-cache';
import { InboxRowModel } from './inbox-row.model';
import { syncInboxRows } from './inbox-rows';

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

/**
 * Gives the summaries written before they carried the result numbers (the figures add them up
 * from the inbox rows, never from the answers) those numbers, each response by `_id`. The rows are
 * then dropped: the start-up backfill writes them all again in one command.
 */
export async function summariseResults(): Promise<number> {
  const sent = await ResponseModel.find(
    {
      status: 'envoyee',
      'summary.status': { $exists: true },
      'summary.participants': { $exists: false },
    },
    { answers: 1 },
  ).lean<Array<Pick<SurveyResponse, '_id' | 'answers'>>>();
  for (const r of sent) {
    await ResponseModel.updateOne(
      { _id: r._id },
      { $set: summarySet(r.answers, resultQuestionIds) },
    );
  }
  if (sent.length) {
    await InboxRowModel.deleteMany({});
    await rowsChanged();
  }
  return sent.length;
}

export const moderationMigrations: Migration[] = [
  { id: '2026-12-07-sent-responses-have-summaries', run: backfillSummaries },
  { id: '2026-12-08-summaries-carry-results', run: summariseResults },
];
