import { Router } from 'express';
import { isValidObjectId } from 'mongoose';
import type { Config } from '../lib/config';
import { sendStoredFile } from '../lib/files/attachment-store';
import { meetingIcs } from './meeting.calendar';
import { slotKinds } from './meeting.model';
import { frenchTime } from './meeting.rules';
import { findPublishedMeeting, getMeeting, listMeetings } from './meeting.service';
import { regionMap, tileSize } from './region-map';
import { isSlugSegment } from '../lib/text';

/** Public, read-only meeting pages: no session, no cookie. */
export function meetingsRoutes(config: Config): Router {
  const router = Router();

  // GET /rencontres — upcoming and past meetings, list and map.
  router.get('/rencontres', async (_req, res) => {
    const { upcoming, past } = await listMeetings();
    res.render('meetings/list', {
      pageTitle: 'Rencontres régionales',
      upcoming,
      past,
      tiles: regionMap([...upcoming, ...past]),
      tileSize,
    });
  });

  // GET /rencontres/:slug.ics — the meeting for a calendar program.
  router.get('/rencontres/:slug.ics', async (req, res, next) => {
    if (!isSlugSegment(req.params.slug)) return next();
    const meeting = await findPublishedMeeting(req.params.slug);
    res.type('text/calendar; charset=utf-8');
    res.attachment(`${meeting.slug}.ics`);
    res.send(meetingIcs(meeting, config.baseUrl));
  });

  // GET /rencontres/:slug — one meeting with its programme, workshops, places, documents.
  router.get('/rencontres/:slug', async (req, res, next) => {
    if (!isSlugSegment(req.params.slug)) return next();
    const meeting = await getMeeting(req.params.slug);
    res.render('meetings/show', { pageTitle: meeting.title, meeting, slotKinds, frenchTime });
  });

  // GET /rencontres/:slug/documents/:fileId — a document published after the meeting.
  router.get('/rencontres/:slug/documents/:fileId', async (req, res, next) => {
    if (!isSlugSegment(req.params.slug) || !isValidObjectId(req.params.fileId)) return next();
    const meeting = await findPublishedMeeting(req.params.slug);
    const doc = meeting.documents?.find((d) => String(d.fileId) === req.params.fileId);
    if (!doc) return next();
    await sendStoredFile(res, doc, { disposition: 'attachment', cache: 'public, max-age=300' });
  });
  return router;
}
