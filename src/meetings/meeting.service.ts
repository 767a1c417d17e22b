import { NotFoundError } from '../lib/errors';
import { SheetModel } from '../sheets';
import { region } from '../reference';
import { contentVersion } from '../lib/content-version';
import { versionedView } from '../lib/versioned-view';
import { publishedMeetings } from './meeting.version';
import {
  isPast,
  meetingRemaining,
  registrationState,
  registrationStateLabels,
  workshopsOf,
} from './meeting.rules';

const regionName = (code: string) => region(code)?.name ?? code;

/** Published meetings, split into upcoming (soonest first) and past (latest first). */
export async function listMeetings(now = new Date()) {
  const meetings = [...(await publishedMeetings()).values()];
  const all = meetings
    .sort((a, b) => b.date.getTime() - a.date.getTime())
    .map((m) => ({ ...m, regionName: regionName(m.region) }));
  return {
    upcoming: all.filter((m) => !isPast(m as never, now)).reverse(),
    past: all.filter((m) => isPast(m as never, now)),
  };
}

/** A published meeting by its slug, or a 404. */
export async function findPublishedMeeting(slug: string) {
  const meeting = (await publishedMeetings()).get(slug);
  if (!meeting) throw new NotFoundError('Cette rencontre n’existe pas');
  return meeting;
}

type SelectedPractice = { slug: string; title: string; structureName: string; position: number };

/**
 * The published sheets selected for meetings, by meeting slug then workshop code, in the curators'
 * order: read once per content version (publications and selections move it).
 */
const selections = versionedView(contentVersion, async () => {
  const practices = await SheetModel.find(
    { status: 'publiee' },
    { slug: 1, title: 1, structureName: 1, meetingSelections: 1 },
  ).lean();
  const byMeeting = new Map<string, Map<string, SelectedPractice[]>>();
  for (const p of practices) {
    for (const s of p.meetingSelections ?? []) {
      const workshops = byMeeting.get(s.meeting) ?? new Map<string, SelectedPractice[]>();
      const list = workshops.get(s.workshop) ?? [];
      list.push({
        slug: p.slug,
        title: p.title,
        structureName: p.structureName,
        position: s.position ?? 0,
      });
      workshops.set(s.workshop, list);
      byMeeting.set(s.meeting, workshops);
    }
  }
  for (const workshops of byMeeting.values())
    for (const list of workshops.values()) list.sort((a, b) => a.position - b.position);
  return byMeeting;
});

/** Everything the public meeting page shows. */
export async function getMeeting(slug: string, now = new Date()) {
  const meeting = await findPublishedMeeting(slug);
  const selected = (await selections.get()).get(slug);
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
      practices: selected?.get(w.code) ?? [],
    })),
  };
}
