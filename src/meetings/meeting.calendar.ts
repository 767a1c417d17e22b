import { icsCalendar } from './ics';
import type { Meeting } from './meeting.model';

type CalendarMeeting = Pick<Meeting, 'slug' | 'title' | 'date' | 'venue' | 'programme'> & {
  summary?: string | null;
};

/** The meeting as an .ics file: from the first slot's start to the last slot's end. */
export function meetingIcs(meeting: CalendarMeeting, baseUrl: string, extra = ''): string {
  const slots = meeting.programme ?? [];
  const host = new URL(baseUrl).hostname;
  const url = `${baseUrl}/rencontres/${meeting.slug}`;
  const { name, address, postalCode, city } = meeting.venue!;
  return icsCalendar({
    uid: `rencontre-${meeting.slug}@${host}`,
    day: meeting.date.toISOString().slice(0, 10),
    start: slots.reduce((min, s) => (s.start < min ? s.start : min), slots[0]?.start ?? '09:00'),
    end: slots.reduce((max, s) => (s.end > max ? s.end : max), slots[0]?.end ?? '17:00'),
    summary: meeting.title,
    description: [meeting.summary ?? '', extra, `Programme : ${url}`].filter(Boolean).join('\n\n'),
    location: `${name}, ${address}, ${postalCode} ${city}`,
    url,
  });
}
