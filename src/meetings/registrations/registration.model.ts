import { Schema, model, type InferSchemaType } from 'mongoose';
import { reportWrites } from '../../lib/followed-collection';
import { registrationWrites } from './registration-writes';

export const registrationStatuses = ['confirmee', 'attente', 'annulee'] as const;
export type RegistrationStatus = (typeof registrationStatuses)[number];
export const registrationStatusLabels: Record<RegistrationStatus, string> = {
  confirmee: 'Confirmée',
  attente: 'Liste d’attente',
  annulee: 'Annulée',
};

/**
 * One person's registration to one meeting (at most one per e-mail and meeting: unique index).
 * The personal link's token is stored hashed. A place is held only while `confirmee`; the
 * meeting's counters (meeting.seats) always equal the number of confirmed registrations.
 */
const registrationSchema = new Schema(
  {
    meeting: { type: String, required: true },
    email: { type: String, required: true },
    lastName: { type: String, required: true },
    firstName: { type: String, required: true },
    phone: String,
    structure: { type: String, required: true },
    structureType: { type: String, required: true },
    jobTitle: { type: String, required: true },
    department: { type: String, required: true },
    workshop: { type: String, required: true },
    lunch: { type: Boolean, required: true },
    listConsent: { type: Boolean, default: false },
    status: { type: String, enum: registrationStatuses, required: true },
    /** Order of the waitlist (earliest first). */
    waitingSince: Date,
    confirmedAt: Date,
    cancelledAt: Date,
    tokenHash: { type: String, required: true },
    present: { type: Boolean, default: false },
    checkedInAt: Date,
    source: { type: String, enum: ['public', 'moderation'], default: 'public' },
    anonymisedAt: Date,
  },
  { timestamps: true },
);
registrationSchema.index({ meeting: 1, email: 1 }, { unique: true });
registrationSchema.index({ tokenHash: 1 }, { unique: true });
registrationSchema.index({ meeting: 1, status: 1, workshop: 1, waitingSince: 1 });
reportWrites(registrationSchema, registrationWrites);

export type Registration = InferSchemaType<typeof registrationSchema>;
export const RegistrationModel = model('Registration', registrationSchema);
