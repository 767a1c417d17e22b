import { Router } from 'express';

const pages: Record<string, { view: string; title: string }> = {
  '/accessibilite': { view: 'site/accessibilite', title: 'Déclaration d’accessibilité' },
  '/mentions-legales': { view: 'site/mentions-legales', title: 'Mentions légales' },
  '/donnees-personnelles': { view: 'site/donnees-personnelles', title: 'Données personnelles' },
};

/** Home page and the editorial pages (accessibility statement, legal notice, privacy). */
export function siteRoutes(): Router {
  const router = Router();

  // GET / — presentation of the programme.
  router.get('/', (_req, res) => {
    res.render('site/home', { pageTitle: 'Accueil' });
  });

  for (const [path, page] of Object.entries(pages)) {
    router.get(path, (_req, res) => {
      res.render(page.view, { pageTitle: page.title });
    });
  }
  return router;
}
