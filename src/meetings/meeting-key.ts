import type { Types } from 'mongoose';
import { MeetingModel } from './meeting.model';
import { allMeetings } from './meeting.version';

/**
 * URLs name a meeting by its slug, but the embedded database uses an index only for a filter that
 * names `_id`: a filter `{slug}` decodes every meeting, under the write lock for a write. A slug
 * never changes once created, so each process remembers the `_id` it found for a slug and names
 * both in its filters. A remembered `_id` that matches nothing (the database was emptied, the
 * meeting recreated) is looked up again.
 */
const ids = new Map<string, Types.ObjectId>();

export interface MeetingFilter {
  _id: Types.ObjectId;
  slug: string;
}

/**
 * Where a meeting's `_id` is found, cheapest first: remembered; in the meetings this process
 * holds; stored (a meeting made by another process a moment ago, or made again).
 */
const idSources: Array<(slug: string) => Promise<Types.ObjectId | undefined>> = [
  async (slug) => ids.get(slug),
  async (slug) => (await allMeetings()).get(slug)?._id as Types.ObjectId | undefined,
  async (slug) =>
    (await MeetingModel.collection.findOne({ slug }, { projection: { _id: 1 } }))?._id,
];

/**
 * Reads the meeting `slug` with `read(filter)`, the filter naming its `_id`: returns what `read`
 * found and the filter to write to that same meeting, or undefined when there is no such meeting.
 */
export async function readMeeting<T>(
  slug: string,
  read: (filter: MeetingFilter) => Promise<T | null | undefined>,
): Promise<{ found: T; filter: MeetingFilter } | undefined> {
  const tried: Types.ObjectId[] = [];
  for (const source of idSources) {
    const id = await source(slug);
    if (!id || tried.some((t) => t.equals(id))) continue;
    tried.push(id);
    const filter = { _id: id, slug };
    const found = await read(filter);
    if (found) {
      ids.set(slug, id);
      return { found, filter };
    }
  }
  ids.delete(slug);
  return undefined;
}
