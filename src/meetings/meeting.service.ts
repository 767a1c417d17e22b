import { NotFoundError } from '../lib/errors';
import { SheetModel } from '../sheets';
import { region } from '../reference';
import { MeetingModel } from './meeting.model';
import {
  isPast,
  meetingRemaining,
  registrationState,
  registrationStateLabels,
  workshopsOf,
} from './meeting.rules';

const listFields = 'slug title stage region date venue.city example';
const regionName = (code: string) => region(code)?.name ?? code;

/** Published meetings, split into upcoming (soonest first) and past (latest first). */
export async function listMeetings(now = new Date()) {
  const meetings = await MeetingModel.find({ published: { $ne: false } }, listFields)
    .sort({ date: -1 })
    .lean();
  const all = meetings.map((m) => ({ ...m, regionName: regionName(m.region) }));
  return {
    upcoming: all.filter((m) => !isPast(m as never, now)).reverse(),
    past: all.filter((m) => isPast(m as never, now)),
  };
}

/** A published meeting by its slug, or a 404. */
export async function findPublishedMeeting(slug: string) {
  const meeting = await MeetingModel.findOne({ slug, published: { $ne: false } }).lean();
  if (!meeting) throw new NotFoundError('Cette rencontre n’existe pas');
  return meeting;
}

/** Published sheets selected for each workshop of the meeting, in the curators' order. */
async function practicesByWorkshop(slug: string) {
  const practices = await SheetModel.find(
    { status: 'publiee', 'meetingSelections.meeting': slug },
    { slug: 1, title: 1, structureName: 1, meetingSelections: 1 },
  ).lean();
  const byWorkshop = new Map<
    string,
    Array<{ slug: string; title: string; structureName: string; position: number }>
  >();
  for (const p of practices) {
    for (const s of p.meetingSelections ?? []) {
      if (s.meeting !== slug) continue;
      const list = byWorkshop.get(s.workshop) ?? [];
      list.push({
        slug: p.slug,
        title: p.title,
        structureName: p.structureName,
        position: s.position ?? 0,
      });
      byWorkshop.set(s.workshop, list);
    }
  }
  for (const list of byWorkshop.values()) list.sort((a, b) => a.position - b.position);
  return byWorkshop;
}

/** Everything the public meeting page shows. */
export async function getMeeting(slug: string, now = new Date()) {
  const meeting = await findPublishedMeeting(slug);
  const selections = await practicesByWorkshop(slug);
  const state = registrationState(meeting, now);
  return {
    ...meeting,
    regionName: regionName(meeting.region),
    past: isPast(meeting, now),
    state,
    stateLabel: registrationStateLabels[state],
    remaining: meetingRemaining(meeting),
    workshops: workshopsOf(meeting).map((w) => ({
      ...w,
      practices: selections.get(w.code) ?? [],
    })),
  };
}
