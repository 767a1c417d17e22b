import { Router } from 'express';
import { createAuth, sessionPaths, type AuthDeps } from '../auth';
import { journalRoutes } from '../audit/journal.routes';
import { moderationRoutes } from '../moderation/moderation.routes';
import { usersRoutes } from '../users/users.routes';
import { meetingsAdminRoutes } from '../meetings/admin/meetings-admin.routes';
import { backOfficeNav } from './back-office.nav';
import { editorialRoutes } from '../sheets/editorial.routes';

/**
 * Everything behind a login: the session stack on the login and back-office paths only (public
 * pages keep setting no cookie), the back-office layout, then each feature's routes, which
 * carry their own guards (requireUser / requireRole).
 */
export function backOfficeRoutes(deps: AuthDeps): Router {
  const auth = createAuth(deps);
  const router = Router();
  router.use(sessionPaths, auth.session);
  router.use('/moderation', backOfficeNav);
  router.use(auth.routes);
  router.use(usersRoutes(deps));
  router.use(journalRoutes());
  router.use(moderationRoutes());
  router.use(editorialRoutes(deps));
  router.use(meetingsAdminRoutes(deps));
  return router;
}
