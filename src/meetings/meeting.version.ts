import type { Types } from 'mongoose';
import { wholeReadBatch } from '../lib/db/whole-read';
import type { PageVariant } from '../lib/http/page-cache';
import { versionCounter } from '../lib/version-counter';
import { versionedView } from '../lib/versioned-view';
import { MeetingModel, type Meeting } from './meeting.model';

/**
 * The meetings, held in memory by each app process and reloaded when the
 * `meetings-version` counter moves. Every write to a meeting document (editor, documents, places
 * taken or given back) calls `meetingsChanged()`: public pages then read no meeting from the
 * database, and show a change made by another process within 2 s.
 */
const counter = versionCounter('meetings-version');

export type PublishedMeeting = Meeting & { _id: unknown };

/** One move of places at a time in this process: each then finds the copy at the version before. */
let seatMoves: Promise<unknown> = Promise.resolve();

/**
 * Every meeting, published or not, by slug: what the back office lists and looks up, and what
 * the public pages filter. A meeting weighs about four sheets: read 10 per command (see
 * lib/db/whole-read.ts).
 */
const everyMeeting = versionedView(
  // A reader waits for this process's moves of places: it never sees their new version before
  // the copy has their counters (and reloads every meeting for nothing).
  async () => {
    await seatMoves;
    return counter.current();
  },
  async () => {
    const rows = await MeetingModel.find({})
      .batchSize(wholeReadBatch / 4)
      .lean();
    return new Map(rows.map((m) => [m.slug, m as PublishedMeeting]));
  },
);

export const allMeetings = (): Promise<ReadonlyMap<string, PublishedMeeting>> => everyMeeting.get();

/** The published meetings, filtered from every meeting once per load. */
const published = new WeakMap<object, ReadonlyMap<string, PublishedMeeting>>();
export async function publishedMeetings(): Promise<ReadonlyMap<string, PublishedMeeting>> {
  const all = await everyMeeting.get();
  let held = published.get(all);
  if (!held) {
    held = new Map([...all].filter(([, m]) => m.published !== false));
    published.set(all, held);
  }
  return held;
}

/** After any write to a meeting document. */
export async function meetingsChanged(): Promise<void> {
  const version = await counter.bump();
  everyMeeting.changed(version);
}

/**
 * After places were taken or given back in one meeting: the version moves, then this process's
 * copy takes that meeting's counters as stored now instead of reading every meeting again (a
 * burst of registrations reloaded them all at each one). Read after the move, the counters hold
 * every write made before it; a later write moves the version again.
 */
export function seatsChanged(meeting: { _id: unknown; slug: string }): Promise<void> {
  const move = seatMoves.then(async () => {
    const version = await counter.bump();
    const stored = await MeetingModel.collection.findOne(
      { _id: meeting._id as Types.ObjectId },
      { projection: { seats: 1 } },
    );
    if (!stored) return everyMeeting.changed(version);
    everyMeeting.changed(version, (all) => {
      const held = all.get(meeting.slug);
      if (held) all.set(meeting.slug, { ...held, seats: stored.seats as Meeting['seats'] });
      published.delete(all);
    });
  });
  seatMoves = move.catch(() => undefined);
  return move;
}

/**
 * What a cached meeting page also depends on: the meetings' version, and the minute, since
 * registration opens and closes with the clock.
 */
const minute = () => Math.floor(Date.now() / 60_000);
export const meetingPageVariant: PageVariant = {
  current: async () => `${await counter.current()} ${minute()}`,
  fresh: () => {
    const version = counter.fresh();
    return version === undefined ? undefined : `${version} ${minute()}`;
  },
};
