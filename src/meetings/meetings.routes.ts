import { Router } from 'express';
import { getMeeting, listMeetings } from './meeting.service';

const slugPattern = /^[a-z0-9-]{1,100}$/;

export function meetingsRoutes(): Router {
  const router = Router();

  // GET /rencontres — the regional meetings.
  router.get('/rencontres', async (_req, res) => {
    res.render('meetings/list', {
      pageTitle: 'Rencontres régionales',
      meetings: await listMeetings(),
    });
  });

  // GET /rencontres/:slug — one meeting with its programme.
  router.get('/rencontres/:slug', async (req, res, next) => {
    if (!slugPattern.test(req.params.slug)) return next();
    const meeting = await getMeeting(req.params.slug);
    res.render('meetings/show', { pageTitle: meeting.title, meeting });
  });
  return router;
}
