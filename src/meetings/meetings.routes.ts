import { Router } from 'express';
import { isValidObjectId } from 'mongoose';
import type { Config } from '../lib/config';
import { sendStoredFile } from '../lib/files/attachment-store';
import { meetingIcs } from './meeting.calendar';
import { slotKinds } from './meeting.model';
import { frenchTime } from './meeting.rules';
import { findPublishedMeeting, getMeeting, listMeetings } from './meeting.service';
import { meetingPageVariant } from './meeting.version';
import { regionMap, tileSize } from './region-map';
import { cachedPage, renderPage } from '../lib/http/page-cache';
import { isSlugSegment } from '../lib/text';

/** Public, read-only meeting pages: no session, no cookie. */
export function meetingsRoutes(config: Config): Router {
  const router = Router();

  // GET /rencontres — upcoming and past meetings, list and map.
  router.get(
    '/rencontres',
    cachedPage(async (_req, res) => {
      const { upcoming, past } = await listMeetings();
      return renderPage(res, 'meetings/list', {
        pageTitle: 'Rencontres régionales',
        upcoming,
        past,
        tiles: regionMap([...upcoming, ...past]),
        tileSize,
      });
    }, meetingPageVariant),
  );

  // GET /rencontres/:slug.ics — the meeting for a calendar program.
  router.get(
    '/rencontres/:slug.ics',
    cachedPage(async (req) => {
      const slug = String(req.params.slug);
      if (!isSlugSegment(slug)) return null;
      const meeting = await findPublishedMeeting(slug);
      return {
        type: 'text/calendar; charset=utf-8',
        headers: { 'Content-Disposition': `attachment; filename="${meeting.slug}.ics"` },
        body: meetingIcs(meeting, config.baseUrl),
      };
    }, meetingPageVariant),
  );

  // GET /rencontres/:slug — one meeting with its programme, workshops, places, documents.
  router.get(
    '/rencontres/:slug',
    cachedPage(async (req, res) => {
      const slug = String(req.params.slug);
      if (!isSlugSegment(slug)) return null;
      const meeting = await getMeeting(slug);
      return renderPage(res, 'meetings/show', {
        pageTitle: meeting.title,
        meeting,
        slotKinds,
        frenchTime,
      });
    }, meetingPageVariant),
  );

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
