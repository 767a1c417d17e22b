import { Schema, Types, model } from 'mongoose';
import type { ModerationRecord } from './response-review.types';
import type { ResponseSummary } from './response-summary';
import type { Answers } from './question-types';

export type ResponseStatus = 'brouillon' | 'envoyee';
export type SectionState = 'en-cours' | 'termine';

export interface Attachment {
  fileId: Types.ObjectId;
  filename: string;
  contentType: string;
  size: number;
  image: boolean;
  caption?: string;
  uploadedAt: Date;
}

export interface Change {
  question: string;
  before?: unknown;
  after?: unknown;
}

export interface Revision {
  at: Date;
  by: string;
  section: string;
  changes: Change[];
}

/** A survey response: a draft until sent, then amendable (each amendment is a revision). */
export interface SurveyResponse {
  _id: Types.ObjectId;
  /** SHA-256 of the private resume token: the token itself is never stored. */
  tokenHash: string;
  status: ResponseStatus;
  definitionVersion: number;
  answers: Answers;
  sectionStatus: Record<string, SectionState>;
  contactEmail?: string;
  reference?: string;
  /** Responses imported from another tool: their source file and key in it (idempotent import). */
  importSource?: string;
  importKey?: string;
  submittedAt?: Date;
  firstSubmission?: { at: Date; answers: Answers };
  revisions: Revision[];
  attachments: Attachment[];
  /** Set at submission: what the back-office inbox filters and sorts on (src/moderation). */
  summary?: ResponseSummary;
  moderation: ModerationRecord;
  /** A demo example (fresh install), never a real respondent's answers. */
  fictitious?: boolean;
  /** Set when the person's data was erased: what was, for the link's page (no personal data). */
  erasure?: { at: Date; lines: Array<{ what: string; count: number; how: string }> };
  /** When the « draft about to be deleted » e-mail went (once per draft). */
  retentionWarnedAt?: Date;
  createdAt: Date;
  updatedAt: Date;
}

const attachmentSchema = new Schema<Attachment>(
  {
    fileId: { type: Schema.Types.ObjectId, required: true },
    filename: { type: String, required: true },
    contentType: { type: String, required: true },
    size: { type: Number, required: true },
    image: { type: Boolean, required: true },
    caption: String,
    uploadedAt: { type: Date, required: true },
  },
  { _id: false },
);

const responseSchema = new Schema<SurveyResponse>(
  {
    tokenHash: { type: String, required: true, unique: true },
    status: { type: String, enum: ['brouillon', 'envoyee'], default: 'brouillon' },
    definitionVersion: { type: Number, required: true },
    answers: { type: Schema.Types.Mixed, default: {} },
    sectionStatus: { type: Schema.Types.Mixed, default: {} },
    contactEmail: String,
    reference: String,
    importSource: String,
    importKey: String,
    submittedAt: Date,
    firstSubmission: { at: Date, answers: Schema.Types.Mixed },
    revisions: {
      type: [
        new Schema<Revision>(
          {
            at: Date,
            by: String,
            section: String,
            changes: [
              {
                _id: false,
                question: String,
                before: Schema.Types.Mixed,
                after: Schema.Types.Mixed,
              },
            ],
          },
          { _id: false },
        ),
      ],
      default: [],
    },
    attachments: { type: [attachmentSchema], default: [] },
    summary: { type: Schema.Types.Mixed, default: undefined },
    fictitious: { type: Boolean, default: false },
    erasure: { type: Schema.Types.Mixed, default: undefined },
    retentionWarnedAt: Date,
    moderation: {
      history: { type: [Schema.Types.Mixed], default: [] },
      notes: { type: [Schema.Types.Mixed], default: [] },
    },
  },
  { timestamps: true, minimize: false },
);
// One reference per sent response. Drafts have none: sparse lets them coexist on MongoDB (where
// a missing field counts as null); FerretDB ignores `sparse` but never indexes a missing field.
responseSchema.index({ reference: 1 }, { unique: true, sparse: true });
// The CSV export reads the sent responses in this order.
responseSchema.index({ status: 1, 'summary.submittedAt': 1, _id: 1 });
// The back-office inbox (src/moderation): tabs, région scope, filters, « réponses proches ».
responseSchema.index({ 'summary.status': 1, 'summary.submittedAt': -1 });
responseSchema.index({ 'summary.region': 1, 'summary.status': 1, 'summary.submittedAt': -1 });
responseSchema.index({ 'summary.department': 1 });
responseSchema.index({ 'summary.themes': 1 });
responseSchema.index({ 'summary.publics': 1 });
responseSchema.index({ 'summary.marketFamilies': 1 });
responseSchema.index({ 'summary.structureKey': 1 });
responseSchema.index({ 'summary.communes': 1 });
responseSchema.index({ 'summary.titleWords': 1 });
responseSchema.index({ status: 1, 'answers.territoire.region': 1 });
responseSchema.index({ importKey: 1 }, { unique: true, sparse: true });

export const ResponseModel = model<SurveyResponse>('Response', responseSchema);

/** Yearly sequence for reference numbers (BP-2026-00042), incremented atomically. */
const counterSchema = new Schema<{ _id: string; seq: number }>({ _id: String, seq: Number });
export const CounterModel = model('Counter', counterSchema);
