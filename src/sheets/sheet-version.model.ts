import { Schema, model, type InferSchemaType } from 'mongoose';

/**
 * One version of a sheet: who did what, when, and the sheet's content right after, so any two
 * versions can be compared. Written in the same request as the change it records.
 */
const sheetVersionSchema = new Schema({
  sheetId: { type: Schema.Types.ObjectId, required: true },
  revision: { type: Number, required: true },
  at: { type: Date, required: true },
  by: { id: String, email: String, name: String },
  action: { type: String, required: true },
  changed: { type: [String], default: [] },
  snapshot: { type: Schema.Types.Mixed, required: true },
});
sheetVersionSchema.index({ sheetId: 1, at: -1 });

export type SheetVersion = InferSchemaType<typeof sheetVersionSchema>;
export const SheetVersionModel = model('SheetVersion', sheetVersionSchema);
