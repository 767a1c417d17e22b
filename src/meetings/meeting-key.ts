import type { Types } from 'mongoose';
import { MeetingModel } from './meeting.model';

/**
 * URLs name a meeting by its slug, but the embedded database uses an index only for a filter that
 * names `_id`: a filter `{slug}` decodes every meeting, under the write lock for a write. A slug
 * never changes once created, so each process remembers the `_id` it found for a slug and names
 * both in its filters. A remembered `_id` that matches nothing (the database was emptied, the
 * meeting recreated) is looked up again by slug.
 */
const ids = new Map<string, Types.ObjectId>();

export interface MeetingFilter {
  _id: Types.ObjectId;
  slug: string;
}

async function lookUp(slug: string): Promise<MeetingFilter | undefined> {
  const found = await MeetingModel.collection.findOne({ slug }, { projection: { _id: 1 } });
  if (!found) {
    ids.delete(slug);
    return undefined;
  }
  ids.set(slug, found._id);
  return { _id: found._id, slug };
}

/**
 * Reads the meeting `slug` with `read(filter)`, the filter naming its `_id`: returns what `read`
 * found and the filter to write to that same meeting, or undefined when there is no such meeting.
 */
export async function readMeeting<T>(
  slug: string,
  read: (filter: MeetingFilter) => Promise<T | null | undefined>,
): Promise<{ found: T; filter: MeetingFilter } | undefined> {
  const known = ids.get(slug);
  if (known) {
    const filter = { _id: known, slug };
    const found = await read(filter);
    if (found) return { found, filter };
  }
  const filter = await lookUp(slug);
  if (!filter || (known && known.equals(filter._id))) return undefined;
  const found = await read(filter);
  return found ? { found, filter } : undefined;
}
