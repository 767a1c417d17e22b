import { Router } from 'express';
import type { Config } from '../config';
import { readOutbox } from '.';

/** Development-only pages: mounted only with DEV_OUTBOX=true, which production refuses. */
export function outboxRoutes(config: Config): Router {
  const router = Router();

  // GET /dev/courriels — emails written to data/outbox/ instead of being sent.
  router.get('/dev/courriels', async (_req, res) => {
    res.render('dev/outbox', {
      pageTitle: 'Courriels (développement)',
      messages: await readOutbox(config),
    });
  });
  return router;
}
