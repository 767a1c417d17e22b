import { Router, type Request, type Response } from 'express';
import { NotFoundError } from '../lib/errors';
import { cachedPage, renderPage } from '../lib/http/page-cache';
import { browse } from './browse';
import { facetDefinitions } from './facets';
import { listUrl, parseListQuery, sorts, toggled } from './list-query';
import { practicePageLocals } from './practice-page';
import { nationalPdf, practicePdf } from './practice-pdf';
import { publishedSet } from './published-set';
import { isSlugSegment } from '../lib/text';

const notPublished = () =>
  new NotFoundError('Cette fiche pratique n’existe pas ou n’est pas publiée');

const pdfPage = (name: string, body: Buffer) => ({
  type: 'application/pdf',
  headers: { 'Content-Disposition': `inline; filename="${name}.pdf"` },
  body,
});

/** GET /recueil — search, facets, sort and pages; every state is this URL's query string. */
async function listPage(req: Request, res: Response) {
  const set = await publishedSet();
  const state = parseListQuery(req.query as Record<string, unknown>, set);
  const result = await browse(set, state);
  return renderPage(res, 'compendium/list', {
    pageTitle: state.q ? `Recherche « ${state.q} » – Recueil` : 'Recueil des bonnes pratiques',
    // This search's new sheets, as a feed (no page, no sort: the newest first).
    feed: listUrl(state, { sort: undefined }, '/flux.atom'),
    state,
    result,
    sorts,
    facetDefinitions,
    listUrl,
    toggled,
  });
}

/** GET /recueil/national — the national recueil's table of contents, by chapter. */
async function nationalPage(_req: Request, res: Response) {
  const set = await publishedSet();
  return renderPage(res, 'compendium/national', {
    pageTitle: 'Recueil national des bonnes pratiques',
    chapters: set.chapters.filter((c) => c.practices.length > 0),
  });
}

/** GET /recueil/:slug.pdf — one practice as a PDF. */
async function practicePdfPage(req: Request) {
  const practice = (await publishedSet()).bySlug.get(req.params.slug as string);
  if (!practice) throw notPublished();
  return pdfPage(practice.slug, await practicePdf(practice));
}

/** GET /recueil/:slug — one practice. */
async function practicePage(req: Request, res: Response) {
  const set = await publishedSet();
  const practice = set.bySlug.get(req.params.slug as string);
  if (!practice) throw notPublished();
  return renderPage(res, 'compendium/show', practicePageLocals(set, practice));
}

/** Public, read-only pages of the compendium: no session, no cookie, rendered once per version. */
export function compendiumRoutes(): Router {
  const router = Router();
  router.get('/recueil', cachedPage(listPage));
  router.get('/recueil/national', cachedPage(nationalPage));
  // PDFs are generated once per content version.
  router.get(
    '/recueil/national.pdf',
    cachedPage(async () => pdfPage('recueil-national', await nationalPdf(await publishedSet()))),
  );
  router.get('/recueil/:slug.pdf', cachedPage(practicePdfPage));
  // A former slug redirects to the current one.
  router.get('/recueil/:slug', async (req, res, next) => {
    const { slug } = req.params;
    if (!isSlugSegment(slug)) return next();
    const set = await publishedSet();
    if (set.bySlug.has(slug)) return next();
    const current = set.formerSlugs.get(slug);
    if (!current) throw notPublished();
    res.redirect(301, `/recueil/${current}`);
  });
  router.get('/recueil/:slug', cachedPage(practicePage));
  return router;
}
