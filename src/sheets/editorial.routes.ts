import { Router } from 'express';
import type { AuthDeps } from '../auth';
import { curationRoutes } from '../curation/curation.routes';
import { importRoutes } from '../import/import.routes';
import { taxonomyRoutes } from '../taxonomy/taxonomy.routes';
import { sheetsRoutes } from './sheets.routes';

/** The editorial chain's back-office pages: sheets, selection, taxonomy, import (issue 9). */
export function editorialRoutes(deps: AuthDeps): Router {
  const router = Router();
  router.use(sheetsRoutes(deps));
  router.use(curationRoutes());
  router.use(taxonomyRoutes());
  router.use(importRoutes());
  return router;
}
