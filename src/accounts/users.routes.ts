import { Router } from 'express';
import { requireRole } from './guards';
import type { AuthDeps } from './password-link.controller';
import { csrfProtection } from '../lib/http/session';
import { usersController } from './users.controller';

/** Account management, for admins only (after the back-office session stack). */
export function usersRoutes(deps: AuthDeps): Router {
  const router = Router();
  const users = usersController(deps);
  const admin = [requireRole('admin'), csrfProtection];
  const one = '/moderation/utilisateurs/:id';

  router.get('/moderation/utilisateurs', ...admin, users.list);
  router.get('/moderation/utilisateurs/inviter', ...admin, users.showInvite);
  router.post('/moderation/utilisateurs/inviter', ...admin, users.invite);
  router.get(one, ...admin, users.showEdit);
  router.post(one, ...admin, users.update);
  router.post(`${one}/invitation`, ...admin, users.resendInvitation);
  router.post(`${one}/double-authentification`, ...admin, users.removeSecondFactor);
  return router;
}
