import { Schema, model, type InferSchemaType } from 'mongoose';

export const taxonomyKinds = [
  'themes',
  'publics',
  'marketFamilies',
  'legalLevers',
  'actorTypes',
  'modalities',
  'funders',
] as const;
export type TaxonomyKind = (typeof taxonomyKinds)[number];

/** One entry of the reference taxonomy (a theme, a public, a legal lever…). */
const termSchema = new Schema(
  {
    kind: { type: String, enum: taxonomyKinds, required: true },
    code: { type: String, required: true },
    label: { type: String, required: true },
    description: String,
    group: String,
    reference: String,
    position: { type: Number, required: true },
    /** Set when an admin retires the term: kept on old sheets, no longer offered. */
    retiredAt: Date,
    /** Set when an admin merged this term into another: filters on the target include it. */
    mergedInto: String,
  },
  { timestamps: true },
);
termSchema.index({ kind: 1, code: 1 }, { unique: true });
termSchema.index({ kind: 1, position: 1 });

export type Term = InferSchemaType<typeof termSchema>;
export const TermModel = model('Term', termSchema);
