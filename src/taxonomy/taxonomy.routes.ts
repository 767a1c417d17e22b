import { Router } from 'express';
import { requireRole } from '../accounts';
import { csrfProtection } from '../lib/http/session';
import { taxonomyController as t } from './taxonomy.controller';

/** The controlled vocabularies, managed by admins. */
export function taxonomyRoutes(): Router {
  const router = Router();
  const admin = [requireRole('admin'), csrfProtection];
  router.get('/moderation/taxonomie', ...admin, t.show);
  router.post('/moderation/taxonomie/ajouter', ...admin, t.add);
  router.post('/moderation/taxonomie/renommer', ...admin, t.rename);
  router.post('/moderation/taxonomie/retirer', ...admin, t.retire);
  router.post('/moderation/taxonomie/fusionner', ...admin, t.merge);
  return router;
}
