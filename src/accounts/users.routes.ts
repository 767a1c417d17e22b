import { Router } from 'express';
import { csrfProtection } from '../lib/http/csrf';
import { requireRole } from './guards';
import type { AuthDeps } from './password-link.controller';
import * as users from './users.controller';

/** Account management, for admins only (after the back-office session stack). */
export function usersRoutes(deps: AuthDeps): Router {
  const router = Router();
  const admin = [requireRole('admin'), csrfProtection];
  const one = '/moderation/utilisateurs/:id';

  router.get('/moderation/utilisateurs', ...admin, users.listAccounts);
  router.get('/moderation/utilisateurs/inviter', ...admin, users.showInvite);
  router.post('/moderation/utilisateurs/inviter', ...admin, users.invite(deps));
  router.get(one, ...admin, users.showEdit);
  router.post(one, ...admin, users.update);
  router.post(`${one}/invitation`, ...admin, users.resendInvitation(deps));
  router.post(`${one}/double-authentification`, ...admin, users.removeSecondFactor);
  return router;
}
