import { Schema, model, type Types } from 'mongoose';

/**
 * Resume links that are not the response's current one: those made before tokens named their
 * response (43 characters, recorded once by a migration) and those replaced by a reissued link.
 * The hash of each, as `_id`, with its response: found by `_id`, never by a read of every response.
 */
const olderLinkSchema = new Schema<{ _id: string; response: Types.ObjectId }>(
  {
    _id: { type: String, required: true },
    response: { type: Schema.Types.ObjectId, required: true },
  },
  { versionKey: false },
);

export const OlderLinkModel = model('OlderLink', olderLinkSchema, 'olderresumelinks');
