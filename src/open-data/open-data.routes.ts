import { Router, type Request, type Response } from 'express';
import { browse, listUrl, selected } from '../compendium';
import { parseListQuery } from '../compendium';
import { applyFilters } from '../compendium';
import { publishedSet } from '../compendium';
import { AppError } from '../lib/errors';
import { csvLine } from '../lib/export';
import { cachedPage, renderPage } from '../lib/http/page-cache';
import { atomFeed, robots, sitemap } from './feeds';
import { csvColumns, practiceRecord } from './practice-record';

const licence = {
  name: 'Licence Ouverte / Open Licence version 2.0',
  url: 'https://www.etalab.gouv.fr/licence-ouverte-open-licence/',
};
const baseUrlOf = (res: Response) => res.locals.baseUrl as string;

/** The API's list: same parameters as /recueil, JSON errors. */
async function practicesJson(req: Request, res: Response) {
  const set = await publishedSet();
  let state;
  try {
    state = parseListQuery(req.query as Record<string, unknown>, set);
  } catch (err) {
    if (!(err instanceof AppError)) throw err;
    return {
      status: err.status,
      type: 'application/json; charset=utf-8',
      body: JSON.stringify({ error: { status: err.status, message: err.message } }),
    };
  }
  const result = await browse(set, state);
  const base = baseUrlOf(res);
  const page = (n: number) => {
    const url = new URL(req.originalUrl, base);
    url.searchParams.set('page', String(n));
    return url.pathname + url.search;
  };
  return {
    type: 'application/json; charset=utf-8',
    body: JSON.stringify({
      licence,
      meta: { total: result.total, page: result.page, pageSize: 20, pageCount: result.pageCount },
      links: {
        self: page(result.page),
        ...(result.page > 1 ? { prev: page(result.page - 1) } : {}),
        ...(result.page < result.pageCount ? { next: page(result.page + 1) } : {}),
      },
      data: result.cards.map((c) => practiceRecord(c.practice, base)),
    }),
  };
}

/** Open data: API (JSON, CSV), Atom feed, sitemap, robots.txt and the licence notice. */
export function openDataRoutes(): Router {
  const router = Router();
  router.get('/api/v1/practices', cachedPage(practicesJson));
  router.get(
    '/api/v1/practices.csv',
    cachedPage(async (req, res) => {
      const set = await publishedSet();
      const state = parseListQuery(req.query as Record<string, unknown>, set);
      const base = baseUrlOf(res);
      const rows = applyFilters(set.practices, state.filters).map((p) =>
        csvColumns.map(([, value]) => value(p, base)),
      );
      return {
        type: 'text/csv; charset=utf-8',
        headers: { 'Content-Disposition': 'attachment; filename="bonnes-pratiques.csv"' },
        body: `\ufeff${[csvColumns.map(([name]) => name), ...rows].map((r) => csvLine(r)).join('')}`,
      };
    }),
  );
  // The latest sheets, or those of a search: same parameters as /recueil.
  router.get(
    '/flux.atom',
    cachedPage(async (req, res) => {
      const set = await publishedSet();
      const state = parseListQuery(req.query as Record<string, unknown>, set);
      return {
        type: 'application/atom+xml; charset=utf-8',
        body: atomFeed(await selected(set, state), baseUrlOf(res), {
          path: listUrl(state, { sort: undefined }, '/flux.atom'),
          list: listUrl(state, { sort: undefined }),
          q: state.q,
        }),
      };
    }),
  );
  router.get(
    '/sitemap.xml',
    cachedPage(async (_req, res) => ({
      type: 'application/xml; charset=utf-8',
      body: sitemap((await publishedSet()).practices, baseUrlOf(res)),
    })),
  );
  router.get(
    '/robots.txt',
    cachedPage(async (_req, res) => ({
      type: 'text/plain; charset=utf-8',
      body: robots(baseUrlOf(res)),
    })),
  );
  router.get(
    '/licence',
    cachedPage((_req, res) =>
      renderPage(res, 'compendium/licence', { pageTitle: 'Licence des données', licence }),
    ),
  );
  return router;
}
