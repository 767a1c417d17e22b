import { MeetingModel } from '../meetings/meeting.model';

export interface WorkshopRef {
  meeting: string;
  meetingTitle: string;
  workshop: string;
  workshopTitle: string;
}

/** Every workshop of every meeting (meeting `slug` + workshop `code`), newest meeting first. */
export async function allWorkshops(): Promise<WorkshopRef[]> {
  const meetings = await MeetingModel.find({}, 'slug title date programme')
    .sort({ date: -1 })
    .lean();
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

/** The workshops of one meeting, in programme order (undefined when the meeting is unknown). */
export async function workshopsOf(slug: string) {
  const meeting = await MeetingModel.findOne({ slug }, 'slug title region programme').lean();
  if (!meeting) return undefined;
  const workshops = meeting.programme.flatMap((slot) => slot.workshops ?? []);
  return { meeting, workshops: workshops.map((w) => ({ code: w.code, title: w.title })) };
}
