import { Router } from 'express';
import { requireNational, requireUser } from '../accounts';
import { csrfProtection } from '../lib/http/csrf';
import { recueilController as c } from './recueil.controller';

/** The national recueil's table of contents and its chapters (signed-in users). */
export function recueilRoutes(): Router {
  const router = Router();
  const user = [requireUser, csrfProtection];
  router.post('/moderation/fiches/:id/recueil', ...user, c.select);
  router.get('/moderation/recueil', ...user, c.toc);
  router.post('/moderation/recueil/deplacer', ...user, requireNational, c.move);
  return router;
}
