import { Schema, Types, model } from 'mongoose';
import type { SurveyResponse } from '../questionnaire';
import type { ResponseSummary } from '../questionnaire';

/**
 * One small document per response (drafts included) holding what the inbox lists, filters, sorts
 * and counts, as ONE JSON string: FerretDB 1.24 decodes every field of every document it reads,
 * so 5,000 rows load in under a second this way instead of about five (measured). Each app
 * process keeps them in memory (inbox-cache.ts); the collection is only queried by `_id`.
 */
export interface StoredInboxRow {
  _id: Types.ObjectId;
  /** `encodeRow` of the response. */
  d: string;
}

const inboxRowSchema = new Schema<StoredInboxRow>(
  { _id: { type: Schema.Types.ObjectId, required: true }, d: { type: String, required: true } },
  { versionKey: false },
);

export const InboxRowModel = model<StoredInboxRow>('InboxRow', inboxRowSchema, 'inboxrows');

/** What the inbox knows of one response. */
export interface InboxRow {
  _id: string;
  fictitious: boolean;
  /** A sent response's summary (listed); absent for a draft (only counted). */
  summary?: ResponseSummary;
  /** A draft's région (`answers.territoire.region`): a regional moderator counts only theirs. */
  draftRegion?: string;
}

/** The response fields a row is made of (`rowSource` is their projection). */
export type RowSource = Pick<SurveyResponse, '_id' | 'status' | 'summary' | 'fictitious'> & {
  answers?: { territoire?: { region?: unknown } };
};
export const rowSource = { status: 1, summary: 1, fictitious: 1, 'answers.territoire.region': 1 };

/** The stored form of a response's row; undefined when the inbox ignores it (sent, no summary). */
export function encodeRow(r: RowSource): string | undefined {
  const fictitious = Boolean(r.fictitious);
  if (r.status !== 'envoyee') {
    const region = r.answers?.territoire?.region;
    return JSON.stringify({ f: fictitious, r: typeof region === 'string' ? region : '' });
  }
  return r.summary?.status ? JSON.stringify({ f: fictitious, s: r.summary }) : undefined;
}

export function decodeRow(id: string, d: string): InboxRow {
  const v = JSON.parse(d) as { f: boolean; s?: ResponseSummary; r?: string };
  if (!v.s) return { _id: id, fictitious: v.f, draftRegion: v.r };
  const summary = {
    ...v.s,
    submittedAt: new Date(v.s.submittedAt),
    statusAt: new Date(v.s.statusAt),
  };
  return { _id: id, fictitious: v.f, summary };
}
