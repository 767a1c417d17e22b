import { Schema, model, type InferSchemaType } from 'mongoose';

const workshopSchema = new Schema(
  {
    code: { type: String, required: true },
    title: { type: String, required: true },
    theme: String,
  },
  { _id: false },
);

const slotSchema = new Schema(
  {
    start: { type: String, required: true, match: /^\d{2}:\d{2}$/ },
    end: { type: String, required: true, match: /^\d{2}:\d{2}$/ },
    title: { type: String, required: true },
    kind: { type: String, required: true },
    note: String,
    workshops: { type: [workshopSchema], default: undefined },
  },
  { _id: false },
);

/** A regional meeting (rencontre régionale) of the Tour de France, with its programme. */
const meetingSchema = new Schema(
  {
    slug: { type: String, required: true, unique: true },
    title: { type: String, required: true },
    stage: Number,
    region: { type: String, required: true },
    date: { type: Date, required: true },
    venue: {
      name: { type: String, required: true },
      address: { type: String, required: true },
      postalCode: { type: String, required: true },
      city: { type: String, required: true },
    },
    summary: String,
    audience: String,
    registrationRequired: { type: Boolean, default: true },
    programmeStatus: { type: String, enum: ['provisoire', 'definitif'], default: 'provisoire' },
    programme: { type: [slotSchema], default: [] },
    contact: { organisation: String, email: String },
  },
  { timestamps: true },
);
meetingSchema.index({ date: -1 });

export type Meeting = InferSchemaType<typeof meetingSchema>;
export const MeetingModel = model('Meeting', meetingSchema);
