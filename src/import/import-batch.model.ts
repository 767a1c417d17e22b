import { Schema, model } from 'mongoose';

/** A checked file: its preview, then its import job (rows kept as checked). */
const importBatchSchema = new Schema(
  {
    kind: { type: String, enum: ['fiches', 'reponses'], required: true },
    source: { type: String, required: true },
    total: { type: Number, required: true },
    rows: { type: Schema.Types.Mixed, default: [] },
    rowErrors: { type: [{ _id: false, line: Number, message: String }], default: [] },
    createdBy: { type: String, required: true },
    // « en-cours » while its job writes; « echec » when the job stopped on an error.
    status: { type: String, enum: ['apercu', 'en-cours', 'echec', 'importe'], default: 'apercu' },
    /** Rows the job has been through, and when it last moved. */
    progress: { done: Number, at: Date },
    result: { created: Number, existing: Number },
  },
  // Rows keep their empty groups (`numbers: {}`): the writers read them as they were checked.
  { timestamps: true, minimize: false },
);

export const ImportBatchModel = model('ImportBatch', importBatchSchema);
