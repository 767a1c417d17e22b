import { Schema, model, type InferSchemaType } from 'mongoose';

/** Programme slot kinds, with their French labels (pages, editor). */
export const slotKinds = {
  accueil: 'Accueil',
  introduction: 'Introduction',
  pleniere: 'Plénière',
  'table-ronde': 'Table ronde',
  echanges: 'Questions / réponses',
  repas: 'Déjeuner',
  ateliers: 'Ateliers',
  cloture: 'Clôture',
} as const;
export type SlotKind = keyof typeof slotKinds;

/** A workshop code: stable per meeting (practice selections and registrations refer to it). */
export const workshopCodePattern = /^[A-Z0-9]{1,6}$/;

const workshopSchema = new Schema(
  {
    code: { type: String, required: true, match: workshopCodePattern },
    title: { type: String, required: true },
    theme: String,
    description: String,
  },
  { _id: false },
);

const slotSchema = new Schema(
  {
    start: { type: String, required: true, match: /^\d{2}:\d{2}$/ },
    end: { type: String, required: true, match: /^\d{2}:\d{2}$/ },
    title: { type: String, required: true },
    kind: { type: String, required: true, enum: Object.keys(slotKinds) },
    note: String,
    workshops: { type: [workshopSchema], default: undefined },
  },
  { _id: false },
);

const documentSchema = new Schema(
  {
    fileId: { type: Schema.Types.ObjectId, required: true },
    title: { type: String, required: true },
    filename: { type: String, required: true },
    contentType: { type: String, required: true },
    size: Number,
  },
  { _id: false },
);

/**
 * Places: one object per meeting holding every counter, so that taking a place in a workshop and
 * in the meeting is ONE conditional update of one document (atomic on MongoDB and on the
 * embedded database). `capacity` null means unlimited. Workshops are keyed by their code.
 */
const seatCounterSchema = new Schema(
  { capacity: { type: Number, default: null }, taken: { type: Number, default: 0 } },
  { _id: false },
);

/** A regional meeting (rencontre régionale) of the Tour de France, with its programme. */
const meetingSchema = new Schema(
  {
    slug: { type: String, required: true, unique: true },
    title: { type: String, required: true },
    stage: Number,
    region: { type: String, required: true },
    /** The day of the meeting (midnight UTC of that calendar day, shown as such). */
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
    /** Shown on the public pages only when true. */
    published: { type: Boolean, default: true },
    /** A fictitious meeting for trying the flow (seeded on development installs only). */
    example: { type: Boolean, default: false },
    /** Registration window (instants); registration is closed outside it. */
    registration: { opensAt: Date, closesAt: Date },
    seats: {
      capacity: { type: Number, default: null },
      taken: { type: Number, default: 0 },
      workshops: { type: Map, of: seatCounterSchema, default: {} },
    },
    /** Overlapping programme slots the organiser confirmed (the source programme has one). */
    overlapsConfirmed: { type: Boolean, default: false },
    documents: { type: [documentSchema], default: [] },
    /** Registrations are anonymised this many months after the meeting. */
    anonymiseAfterMonths: { type: Number, default: 6 },
    anonymisedAt: Date,
  },
  { timestamps: true },
);
meetingSchema.index({ date: -1 });

export type Meeting = InferSchemaType<typeof meetingSchema>;
export const MeetingModel = model('Meeting', meetingSchema);
