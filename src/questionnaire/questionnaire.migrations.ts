import type { Types } from 'mongoose';
import { wholeReadBatch } from '../lib/db/whole-read';
import type { Migration } from '../lib/migrations';
import { OlderLinkModel } from './older-link.model';
import { ResponseModel } from './response.model';

/** Entries per insert: small commands keep the embedded database's lock short. */
const insertBatch = 200;

/**
 * The resume links of the responses stored when tokens started to name their response, by hash
 * (imported responses have no link). Safe to run again: an entry already there is left alone.
 */
export async function recordOlderLinks(): Promise<number> {
  const responses = await ResponseModel.find({ importKey: { $exists: false } }, { tokenHash: 1 })
    .batchSize(wholeReadBatch)
    .lean();
  let written = 0;
  for (let i = 0; i < responses.length; i += insertBatch) {
    const entries = responses
      .slice(i, i + insertBatch)
      .map((r) => ({ _id: r.tokenHash, response: r._id }));
    try {
      written += (await OlderLinkModel.insertMany(entries, { ordered: false })).length;
    } catch (error) {
      const refused = (error as { writeErrors?: Array<{ code?: number }> }).writeErrors;
      if (!refused?.length || refused.some((e) => e.code !== 11000)) throw error;
      written += entries.length - refused.length;
    }
  }
  return written;
}

/**
 * The demo responses of a seed before this fix carried their whole answers (and their
 * `fictitious` flag) inside their summary, and so in their inbox row: taken out. The rows follow
 * at start-up, when every row is checked against its response.
 */
async function leanDemoSummaries(): Promise<number> {
  // Unfiltered, in small batches: a filter would decode every response under the lock at once.
  const bloated = (
    await ResponseModel.find({}, { 'summary.answers': 1 })
      .batchSize(wholeReadBatch)
      .lean<Array<{ _id: Types.ObjectId; summary?: { answers?: unknown } }>>()
  ).filter((r) => r.summary?.answers !== undefined);
  for (const { _id } of bloated) {
    await ResponseModel.updateOne(
      { _id },
      { $unset: { 'summary.answers': 1, 'summary.fictitious': 1 } },
      { timestamps: false },
    );
  }
  return bloated.length;
}

export const questionnaireMigrations: Migration[] = [
  { id: '2026-12-09-older-resume-links', run: recordOlderLinks },
  { id: '2026-12-10-lean-demo-summaries', run: leanDemoSummaries },
];
