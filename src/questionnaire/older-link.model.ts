import { Schema, model, type Types } from 'mongoose';

/**
 * Resume links made before tokens named their response (43 characters): the hash of each, as
 * `_id`, with its response. Such a link is then found by `_id`, never by a read of every response.
 * Written once by a migration for the responses stored then; later links name their response.
 */
const olderLinkSchema = new Schema<{ _id: string; response: Types.ObjectId }>(
  {
    _id: { type: String, required: true },
    response: { type: Schema.Types.ObjectId, required: true },
  },
  { versionKey: false },
);

export const OlderLinkModel = model('OlderLink', olderLinkSchema, 'olderresumelinks');
