import { Router } from 'express';
import { NotFoundError } from '../lib/errors';
import { cachedPage, renderPage } from '../lib/http/page-cache';
import { browse } from './browse';
import { facetDefinitions } from './facets';
import { listUrl, parseListQuery, sorts, toggled } from './list-query';
import { practicePageLocals } from './practice-page';
import { nationalPdf, practicePdf } from './practice-pdf';
import { publishedSet } from './published-set';

const slugPattern = /^[a-z0-9-]{1,120}$/;

const pdfPage = (name: string, body: Buffer) => ({
  type: 'application/pdf',
  headers: { 'Content-Disposition': `inline; filename="${name}.pdf"` },
  body,
});

/** Public, read-only pages of the compendium: no session, no cookie, rendered once per version. */
export function compendiumRoutes(): Router {
  const router = Router();

  // GET /recueil — search, facets, sort and pages; every state is this URL's query string.
  router.get(
    '/recueil',
    cachedPage(async (req, res) => {
      const set = await publishedSet();
      const state = parseListQuery(req.query as Record<string, unknown>, set);
      const result = await browse(set, state);
      return renderPage(res, 'compendium/list', {
        pageTitle: state.q ? `Recherche « ${state.q} » – Recueil` : 'Recueil des bonnes pratiques',
        state,
        result,
        sorts,
        facetDefinitions,
        listUrl,
        toggled,
      });
    }),
  );

  // GET /recueil/national — the national recueil's table of contents, by chapter.
  router.get(
    '/recueil/national',
    cachedPage(async (_req, res) => {
      const set = await publishedSet();
      return renderPage(res, 'compendium/national', {
        pageTitle: 'Recueil national des bonnes pratiques',
        chapters: set.chapters.filter((c) => c.practices.length > 0),
      });
    }),
  );

  // GET /recueil/national.pdf and /recueil/:slug.pdf — generated once per content version.
  router.get(
    '/recueil/national.pdf',
    cachedPage(async () => pdfPage('recueil-national', await nationalPdf(await publishedSet()))),
  );
  router.get(
    '/recueil/:slug.pdf',
    cachedPage(async (req) => {
      const practice = (await publishedSet()).bySlug.get(req.params.slug as string);
      if (!practice)
        throw new NotFoundError('Cette fiche pratique n’existe pas ou n’est pas publiée');
      return pdfPage(practice.slug, await practicePdf(practice));
    }),
  );

  // GET /recueil/:slug — one practice; a former slug redirects to the current one.
  router.get('/recueil/:slug', async (req, res, next) => {
    const { slug } = req.params;
    if (!slugPattern.test(slug)) return next();
    const set = await publishedSet();
    if (set.bySlug.has(slug)) return next();
    const current = set.formerSlugs.get(slug);
    if (!current) throw new NotFoundError('Cette fiche pratique n’existe pas ou n’est pas publiée');
    res.redirect(301, `/recueil/${current}`);
  });
  router.get(
    '/recueil/:slug',
    cachedPage(async (req, res) => {
      const set = await publishedSet();
      const practice = set.bySlug.get(req.params.slug as string);
      if (!practice)
        throw new NotFoundError('Cette fiche pratique n’existe pas ou n’est pas publiée');
      return renderPage(res, 'compendium/show', practicePageLocals(set, practice));
    }),
  );
  return router;
}
