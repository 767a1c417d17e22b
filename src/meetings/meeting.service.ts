import { NotFoundError } from '../lib/errors';
import { region } from '../reference/geography';
import { MeetingModel } from './meeting.model';

const listFields = 'slug title stage region date venue.city';

export async function listMeetings() {
  const meetings = await MeetingModel.find({}, listFields).sort({ date: -1 }).lean();
  return meetings.map((m) => ({ ...m, regionName: region(m.region)?.name ?? m.region }));
}

export async function getMeeting(slug: string) {
  const meeting = await MeetingModel.findOne({ slug }).lean();
  if (!meeting) throw new NotFoundError('Cette rencontre n’existe pas');
  return { ...meeting, regionName: region(meeting.region)?.name ?? meeting.region };
}
