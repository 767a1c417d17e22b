import type { Request } from 'express';
import { registrationState } from '../meeting.rules';
import { findPublishedMeeting } from '../meeting.service';

export type Meeting = Awaited<ReturnType<typeof findPublishedMeeting>>;

/** The published meeting named in the URL (from memory), or a 404. */
export const meetingOf = (req: Request) => findPublishedMeeting(String(req.params.slug));

/** Whether people may register (or change workshop) now: open, or full with a waitlist. */
export const acceptsChanges = (m: Meeting) => ['ouverte', 'complet'].includes(registrationState(m));
