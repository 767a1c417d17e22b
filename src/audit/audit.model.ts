import { Schema, model, type InferSchemaType, type Types } from 'mongoose';

/**
 * One back-office event. Append-only: the model refuses every update and delete, so no feature
 * can rewrite history through Mongoose (data migrations go through the raw collection). The actor's e-mail and name are copied at the time of
 * the event (the account may change or disappear later).
 */
const auditEventSchema = new Schema(
  {
    at: { type: Date, required: true, default: () => new Date() },
    actor: {
      type: new Schema(
        {
          id: { type: Schema.Types.ObjectId, required: true },
          email: { type: String, required: true },
          name: { type: String, default: '' },
        },
        { _id: false },
      ),
      default: null,
    },
    action: { type: String, required: true },
    target: {
      type: new Schema(
        {
          type: { type: String, required: true },
          id: { type: String, required: true },
          label: { type: String, default: '' },
        },
        { _id: false },
      ),
      default: null,
    },
    details: { type: Schema.Types.Mixed, default: null },
    ip: { type: String, default: null },
  },
  { collection: 'audit_events', versionKey: false },
);
// The journal's queries: newest first, optionally for one actor or one action.
auditEventSchema.index({ at: -1 });
auditEventSchema.index({ 'actor.id': 1, at: -1 });
auditEventSchema.index({ action: 1, at: -1 });

const writes = [
  'updateOne',
  'updateMany',
  'findOneAndUpdate',
  'replaceOne',
  'findOneAndReplace',
  'deleteOne',
  'deleteMany',
  'findOneAndDelete',
] as const;
for (const op of writes) {
  auditEventSchema.pre(op, () => {
    throw new Error('The audit log is append-only');
  });
}
auditEventSchema.pre('save', function () {
  if (!this.isNew) throw new Error('The audit log is append-only');
});

export type AuditEvent = InferSchemaType<typeof auditEventSchema> & { _id: Types.ObjectId };
export const AuditEventModel = model('AuditEvent', auditEventSchema);
