import { inRegionScope, type SessionUser } from '../../accounts';
import { allMeetings } from '../meeting.version';

export interface WorkshopRef {
  meeting: string;
  meetingTitle: string;
  workshop: string;
  workshopTitle: string;
}

/** Every workshop of the meetings the user runs (meeting `slug` + workshop `code`), newest first. */
export async function allWorkshops(user: SessionUser): Promise<WorkshopRef[]> {
  const meetings = [...(await allMeetings()).values()]
    .filter((m) => inRegionScope(user, m.region))
    .sort((a, b) => b.date.getTime() - a.date.getTime());
  return meetings.flatMap((m) =>
    m.programme.flatMap((slot) =>
      (slot.workshops ?? []).map((w) => ({
        meeting: m.slug,
        meetingTitle: m.title,
        workshop: w.code,
        workshopTitle: w.title,
      })),
    ),
  );
}

type Programme = {
  programme: Array<{ workshops?: Array<{ code: string; title: string }> | null }>;
};

/** A meeting's workshops, in programme order. */
export const workshopsIn = (meeting: Programme) =>
  meeting.programme
    .flatMap((slot) => slot.workshops ?? [])
    .map((w) => ({ code: w.code, title: w.title }));
