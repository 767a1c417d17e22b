import { Router } from 'express';
import { cachedPage, renderPage } from '../lib/http/page-cache';

const pages: Record<string, { view: string; title: string }> = {
  '/accessibilite': { view: 'site/accessibilite', title: 'Déclaration d’accessibilité' },
  '/mentions-legales': { view: 'site/mentions-legales', title: 'Mentions légales' },
};

/** Home page and the editorial pages (accessibility statement, legal notice). */
export function siteRoutes(): Router {
  const router = Router();

  // GET / — presentation of the programme.
  // Rendered once per process and content version (page cache), like every public page.
  router.get(
    '/',
    cachedPage((_req, res) => renderPage(res, 'site/home', { pageTitle: 'Accueil' })),
  );

  for (const [path, page] of Object.entries(pages)) {
    router.get(
      path,
      cachedPage((_req, res) => renderPage(res, page.view, { pageTitle: page.title })),
    );
  }
  return router;
}
