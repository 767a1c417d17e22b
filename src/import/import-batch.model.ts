import { Schema, model } from 'mongoose';

/** A checked file between its preview and the moderator's decision (rows kept as checked). */
const importBatchSchema = new Schema(
  {
    kind: { type: String, enum: ['fiches', 'reponses'], required: true },
    source: { type: String, required: true },
    total: { type: Number, required: true },
    rows: { type: Schema.Types.Mixed, default: [] },
    rowErrors: { type: [{ _id: false, line: Number, message: String }], default: [] },
    createdBy: { type: String, required: true },
    status: { type: String, enum: ['apercu', 'importe'], default: 'apercu' },
    result: { created: Number, existing: Number },
  },
  // Rows keep their empty groups (`numbers: {}`): the writers read them as they were checked.
  { timestamps: true, minimize: false },
);

export const ImportBatchModel = model('ImportBatch', importBatchSchema);
