import { Router } from 'express';
import { requireNational, requireUser } from '../auth';
import { csrfProtection } from '../lib/http/session';
import { curationController as c } from './curation.controller';

/** Selection for meetings' workshops and for the national recueil (signed-in users). */
export function curationRoutes(): Router {
  const router = Router();
  const user = [requireUser, csrfProtection];
  router.post('/moderation/fiches/:id/atelier', ...user, c.selectWorkshop);
  router.post('/moderation/fiches/:id/atelier/retirer', ...user, c.unselectWorkshop);
  router.post('/moderation/fiches/:id/recueil', ...user, c.selectRecueil);
  router.get('/moderation/rencontres/:slug/pratiques', ...user, c.meeting);
  router.post('/moderation/rencontres/:slug/pratiques/deplacer', ...user, c.moveInMeeting);
  router.get('/moderation/recueil', ...user, c.recueil);
  router.post('/moderation/recueil/deplacer', ...user, requireNational, c.moveInRecueil);
  return router;
}
