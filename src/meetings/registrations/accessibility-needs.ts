import { Schema, Types, model } from 'mongoose';
import { wholeReadBatch } from '../../lib/db/whole-read';
import type { Migration } from '../../lib/migrations';
import { RegistrationModel } from './registration.model';

/**
 * Accessibility needs, kept apart from the registration they belong to (same `_id`): typed freely,
 * they may reveal health (GDPR art. 9). They are asked with an explicit consent, never enter the
 * registration index every process holds in memory, are read only for a meeting's attendee list
 * and exports, and go the day after the meeting or with the registration's person.
 */
const accessibilityNeedSchema = new Schema<{
  _id: Types.ObjectId;
  meeting: string;
  text: string;
  consentAt: Date;
}>(
  {
    _id: { type: Schema.Types.ObjectId, required: true },
    meeting: { type: String, required: true },
    text: { type: String, required: true },
    consentAt: { type: Date, required: true },
  },
  { versionKey: false },
);
accessibilityNeedSchema.index({ meeting: 1 });

export const AccessibilityNeedModel = model(
  'AccessibilityNeed',
  accessibilityNeedSchema,
  'accessibilityneeds',
);

/** The registration's needs as typed with their consent, or none (a change removes old ones). */
export async function saveNeed(registration: Types.ObjectId, meeting: string, text?: string) {
  if (!text) {
    await AccessibilityNeedModel.deleteOne({ _id: registration });
    return;
  }
  await AccessibilityNeedModel.replaceOne(
    { _id: registration },
    { _id: registration, meeting, text, consentAt: new Date() },
    { upsert: true },
  );
}

export async function eraseNeed(registration: Types.ObjectId): Promise<number> {
  return (await AccessibilityNeedModel.deleteOne({ _id: registration })).deletedCount;
}

/**
 * Every need held, by registration id: the collection holds only the registrations that typed
 * one, of meetings not past, so it stays small (read whole, in small batches).
 */
export async function allNeeds() {
  return AccessibilityNeedModel.find({}).batchSize(wholeReadBatch).lean();
}

/** The needs of one meeting's registrations, by registration id. */
export async function needsOf(meeting: string): Promise<Map<string, string>> {
  return new Map(
    (await allNeeds()).filter((n) => n.meeting === meeting).map((n) => [String(n._id), n.text]),
  );
}

/**
 * Needs stored on the registrations before they were kept apart: moved, then taken off the
 * registration. Safe to run again (a need already moved is replaced by the same text).
 */
async function moveNeedsApart(): Promise<number> {
  // Through the collection: the schema no longer has the field.
  const registrations = RegistrationModel.collection;
  const found = await registrations
    .find({ accessibility: { $exists: true } }, { projection: { meeting: 1, accessibility: 1 } })
    .batchSize(wholeReadBatch)
    .toArray();
  for (const r of found) {
    if (typeof r.accessibility === 'string' && r.accessibility) {
      await saveNeed(r._id as Types.ObjectId, String(r.meeting), r.accessibility);
    }
    await registrations.updateOne({ _id: r._id }, { $unset: { accessibility: 1 } });
  }
  return found.length;
}

export const meetingsMigrations: Migration[] = [
  { id: '2026-12-10-accessibility-needs-apart', run: moveNeedsApart },
];
