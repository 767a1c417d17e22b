import { Schema, model, type InferSchemaType } from 'mongoose';

/** A chapter of the national recueil; sheets point at it with `recueil.chapter`. */
const recueilChapterSchema = new Schema(
  {
    code: { type: String, required: true, unique: true },
    title: { type: String, required: true, maxlength: 200 },
    intro: { type: String, maxlength: 2000 },
    position: { type: Number, required: true },
  },
  { timestamps: true },
);
recueilChapterSchema.index({ position: 1 });

export type RecueilChapter = InferSchemaType<typeof recueilChapterSchema>;
export const RecueilChapterModel = model('RecueilChapter', recueilChapterSchema);
