import { Schema, model, type InferSchemaType } from 'mongoose';
import { reportWrites } from '../lib/followed-collection';
import { sheetWrites } from './sheets-version';

const placeSchema = new Schema(
  { code: { type: String, required: true }, name: { type: String, required: true } },
  { _id: false },
);
const qpvSchema = new Schema(
  {
    code: { type: String, required: true },
    name: { type: String, required: true },
    generation: { type: Number, enum: [2015, 2024], required: true },
  },
  { _id: false },
);

const fileRefSchema = new Schema(
  {
    fileId: { type: Schema.Types.ObjectId, required: true },
    filename: { type: String, required: true },
    contentType: { type: String, required: true },
    size: Number,
    alt: String,
    caption: String,
  },
  { _id: false },
);

/** Where a sheet was presented: one workshop of one regional meeting. */
const meetingSelectionSchema = new Schema(
  {
    meeting: { type: String, required: true },
    workshop: { type: String, required: true },
    presenterName: String,
    presenterStructure: String,
    position: { type: Number, default: 0 },
  },
  { _id: false },
);

export const sheetStatuses = [
  'brouillon',
  'en-attente',
  'validee',
  'publiee',
  'depubliee',
] as const;
export type SheetStatus = (typeof sheetStatuses)[number];

/**
 * An editorial practice sheet (fiche pratique): what readers of the recueil see. Built by
 * moderators from survey responses (`origin.kind: 'reponse'`), written from scratch, imported, or
 * loaded as fictitious demo content (`fictitious: true`). The response a sheet comes from is
 * never modified. `revision` is bumped by every save: writers update on `{_id, revision}` so two
 * moderators saving at once cannot overwrite each other.
 */
const sheetSchema = new Schema(
  {
    slug: { type: String, required: true, unique: true },
    slugHistory: { type: [String], default: [] },
    status: { type: String, enum: sheetStatuses, default: 'brouillon' },
    revision: { type: Number, default: 0 },
    origin: {
      kind: { type: String, enum: ['reponse', 'libre', 'import', 'demo'], default: 'libre' },
      responseId: Schema.Types.ObjectId,
      reference: String,
      importSource: String,
      importKey: String,
    },
    fictitious: { type: Boolean, default: false },
    title: { type: String, required: true, maxlength: 200 },
    summary: { type: String, required: true, maxlength: 500 },
    structureName: { type: String, required: true },
    actorType: { type: String, required: true },
    region: { type: String, required: true },
    department: { type: String, required: true },
    communes: { type: [placeSchema], default: [] },
    qpv: { type: [qpvSchema], default: [] },
    npnru: { type: Boolean, default: false },
    npnruProject: String,
    themes: { type: [String], default: [] },
    legalLevers: { type: [String], default: [] },
    marketFamilies: { type: [String], default: [] },
    publics: { type: [String], default: [] },
    modalities: { type: [String], default: [] },
    funders: { type: [String], default: [] },
    keywords: { type: [String], default: [] },
    context: String,
    objectives: String,
    actions: String,
    partners: String,
    successFactors: String,
    difficulties: String,
    transferability: String,
    nextSteps: String,
    startDate: String,
    endDate: String,
    ongoing: Boolean,
    results: {
      hoursPlanned: Number,
      hoursAchieved: Number,
      fte: Number,
      participants: Number,
      women: Number,
      qpvResidents: Number,
      under26: Number,
      over50: Number,
      sustainableEmployment: Number,
      transitionEmployment: Number,
      positiveExits: Number,
      companies: Number,
      contractsWithClause: Number,
    },
    amountEur: Number,
    year: Number,
    photos: { type: [fileRefSchema], default: [] },
    documents: { type: [fileRefSchema], default: [] },
    /** Public contact, only as the respondent consented. */
    contact: { name: String, role: String, email: String, phone: String },
    /** The respondent's approval of one revision of the sheet, through their resume link. */
    approval: {
      required: { type: Boolean, default: false },
      state: { type: String, enum: ['aucune', 'demandee', 'validee', 'modification-demandee'] },
      revision: Number,
      requestedAt: Date,
      decidedAt: Date,
      comment: String,
      remindedAt: Date,
      /** The e-mailed approval link's hash (never the link): this sheet's approval page only. */
      tokenHash: String,
      tokenExpiresAt: Date,
    },
    meetingSelections: { type: [meetingSelectionSchema], default: [] },
    /** Selection for the national recueil: chapter code (RecueilChapter) and order inside it. */
    recueil: { chapter: String, position: Number },
    publishedAt: Date,
    firstPublishedAt: Date,
  },
  { timestamps: true },
);
sheetSchema.index({ status: 1, publishedAt: -1 });
sheetSchema.index({ status: 1, region: 1 });
sheetSchema.index({ status: 1, themes: 1 });
sheetSchema.index({ slugHistory: 1 });
sheetSchema.index({ 'meetingSelections.meeting': 1 });
sheetSchema.index({ 'recueil.chapter': 1, 'recueil.position': 1 });
sheetSchema.index({ 'origin.responseId': 1 });
sheetSchema.index({ 'approval.tokenHash': 1 });
// Two imports of one file at once: the second insert of a row is refused (import.write.ts).
// Descending: a database built before keeps its plain ascending index, with no conflict.
sheetSchema.index({ 'origin.importKey': -1 }, { unique: true, sparse: true });

/**
 * Lean reads skip Mongoose defaults, so a sheet stored without an optional list (FerretDB 1.24
 * drops empty arrays from upserts; other tools may omit them) would reach the pages without it.
 * The defaults above are applied to every lean result here, once, instead of in each template,
 * and only to the fields the query selected.
 */
sheetSchema.post(['find', 'findOne'], function (result: unknown) {
  if (!this.mongooseOptions().lean || !result) return;
  const projection = (this.projection() ?? {}) as Record<string, unknown>;
  const keys = Object.keys(projection);
  const inclusive = Object.values(projection).some((v) => v === 1 || v === true);
  const selected = (key: string) =>
    projection[key] !== 0 &&
    projection[key] !== false &&
    (!inclusive || key === '_id' || keys.some((k) => k === key || k.startsWith(`${key}.`)));
  for (const doc of (Array.isArray(result) ? result : [result]) as Record<string, unknown>[]) {
    SheetModel.applyDefaults(doc);
    for (const key of Object.keys(doc)) if (!selected(key)) delete doc[key];
  }
});

reportWrites(sheetSchema, sheetWrites);

/** A sheet as stored. */
export type SheetRecord = InferSchemaType<typeof sheetSchema>;
// The collection keeps its first name: « practices ».
export const SheetModel = model('Sheet', sheetSchema, 'practices');
