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

/**
 * Every meeting, published or not, by slug: what the back office lists and looks up, and what
 * the public pages filter. A meeting weighs about four sheets: read 10 per command (see
 * lib/db/whole-read.ts).
 */
const everyMeeting = versionedView(
  () => counter.current(),
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
