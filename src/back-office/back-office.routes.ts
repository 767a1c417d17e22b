import { Router } from 'express';
import {
  createAuth,
  journalRoutes,
  requireUser,
  sessionPaths,
  usersRoutes,
  type AuthDeps,
} from '../accounts';
import { examplesRoutes } from '../examples';
import { importRoutes } from '../import';
import { meetingsAdminRoutes, selectionRoutes, workshopsSection } from '../meetings';
import { moderationRoutes } from '../moderation';
import { privacyAdminRoutes } from '../privacy';
import { recueilRoutes, recueilSection } from '../recueil';
import { sheetsRoutes, type SheetPreview } from '../sheets';
import { taxonomyRoutes } from '../taxonomy';
import { backOfficeNav } from './back-office.nav';

/**
 * Everything behind a login: the session stack on the login and back-office paths only (public
 * pages keep setting no cookie), the back-office layout, then each feature's routes, which
 * carry their own guards (requireUser / requireRole). The sheet editor gets the sections that
 * the meetings and the recueil add to it.
 */
export function backOfficeRoutes(deps: AuthDeps & { preview: SheetPreview }): Router {
  const auth = createAuth(deps);
  const router = Router();
  router.use(sessionPaths, auth.session);
  router.use('/moderation', backOfficeNav);
  router.use(auth.routes);
  router.use(usersRoutes(deps));
  router.use(journalRoutes());
  router.use(moderationRoutes());
  router.use(sheetsRoutes({ ...deps, editorSections: [workshopsSection, recueilSection] }));
  router.use(recueilRoutes());
  router.use(taxonomyRoutes());
  router.use(importRoutes());
  router.use(selectionRoutes());
  router.use(meetingsAdminRoutes(deps));
  router.use(privacyAdminRoutes(deps.config));
  router.use(examplesRoutes());
  // How the chain works, for every signed-in user.
  router.get('/moderation/aide', requireUser, (_req, res) =>
    res.render('back-office/help', { pageTitle: 'Aide' }),
  );
  return router;
}
