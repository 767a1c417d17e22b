import { Router } from 'express';
import { csvLine, type Cell } from '../lib/export';
import { NotFoundError } from '../lib/errors';
import { cachedPage, renderPage } from '../lib/http/page-cache';
import { computeKeyFigures, regionTiles, type KeyFigures } from './key-figures';
import { publishedSet } from './published-set';

/** The CSV downloads of /chiffres-cles, one per chart. */
const tables: Record<string, { headers: string[]; rows: (f: KeyFigures) => Cell[][] }> = {
  indicateurs: {
    headers: ['Indicateur', 'Valeur'],
    rows: (f) => [
      ['Fiches publiées', f.practices],
      ['Heures d’insertion réalisées', f.hours],
      ['Équivalents temps plein', f.fte],
      ['Participants', f.participants],
      ['Femmes', f.women],
      ['Habitants des QPV', f.qpvResidents],
      ['Part des femmes (%)', f.womenPercent],
      ['Fiches sur lesquelles la part des femmes est calculée', f.womenPercentSheets],
      ['Part des habitants des QPV (%)', f.qpvPercent],
      ['Fiches sur lesquelles la part des habitants des QPV est calculée', f.qpvPercentSheets],
    ],
  },
  'familles-de-marches': {
    headers: ['Code', 'Famille de marchés', 'Fiches', 'Part des fiches (%)'],
    rows: (f) => f.byMarketFamily.map((r) => [r.code, r.label, r.count, r.percent]),
  },
  regions: {
    headers: ['Code INSEE', 'Région', 'Fiches', 'Part des fiches (%)'],
    rows: (f) => f.byRegion.map((r) => [r.code, r.label, r.count, r.percent]),
  },
};

/** GET /chiffres-cles and its CSV tables, from the published sheets held in memory. */
export function keyFiguresRoutes(): Router {
  const router = Router();
  router.get(
    '/chiffres-cles',
    cachedPage(async (_req, res) => {
      const figures = computeKeyFigures((await publishedSet()).practices);
      return renderPage(res, 'compendium/figures', {
        pageTitle: 'Chiffres clés',
        figures,
        tiles: regionTiles(figures.byRegion),
      });
    }),
  );
  router.get(
    '/chiffres-cles/:table.csv',
    cachedPage(async (req) => {
      const table = Object.hasOwn(tables, req.params.table as string)
        ? tables[req.params.table as string]
        : undefined;
      if (!table) throw new NotFoundError();
      const figures = computeKeyFigures((await publishedSet()).practices);
      const body = [table.headers, ...table.rows(figures)].map((r) => csvLine(r)).join('');
      return {
        type: 'text/csv; charset=utf-8',
        headers: {
          'Content-Disposition': `attachment; filename="chiffres-cles-${req.params.table as string}.csv"`,
        },
        body: `\ufeff${body}`,
      };
    }),
  );
  return router;
}
