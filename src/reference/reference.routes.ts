import { Router } from 'express';
import { communesOf, departmentsOf } from './geography';

/**
 * Public JSON for the territory pickers' progressive enhancement (no session, cacheable).
 * Without JavaScript the same choices come from successive form submissions.
 */
export function referenceRoutes(): Router {
  const router = Router();
  const cache = 'public, max-age=86400';

  // GET /api/departements/:region — départements of a région.
  router.get('/api/departements/:region', (req, res) => {
    const code = /^\d{2}$/.test(req.params.region) ? req.params.region : '';
    res
      .set('Cache-Control', cache)
      .json(departmentsOf(code).map((d) => ({ code: d.code, nom: d.name })));
  });

  // GET /api/communes/:departement — communes of a département.
  router.get('/api/communes/:departement', (req, res) => {
    const code = /^[0-9AB]{2,3}$/.test(req.params.departement) ? req.params.departement : '';
    res
      .set('Cache-Control', cache)
      .json(communesOf(code).map((c) => ({ code: c.code, nom: c.name })));
  });
  return router;
}
