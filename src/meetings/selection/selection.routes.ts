import { Router } from 'express';
import { requireUser } from '../../accounts';
import { csrfProtection } from '../../lib/http/csrf';
import { selectionController as c } from './selection.controller';

/** Sheets selected for meetings' workshops (signed-in users; régions checked per object). */
export function selectionRoutes(): Router {
  const router = Router();
  const user = [requireUser, csrfProtection];
  router.post('/moderation/fiches/:id/atelier', ...user, c.select);
  router.post('/moderation/fiches/:id/atelier/retirer', ...user, c.unselect);
  router.get('/moderation/rencontres/:slug/pratiques', ...user, c.practices);
  router.post('/moderation/rencontres/:slug/pratiques/deplacer', ...user, c.move);
  return router;
}
