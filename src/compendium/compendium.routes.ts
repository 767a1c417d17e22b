import { Router } from 'express';
import { NotFoundError } from '../lib/errors';
import { currentSlugFor } from '../practices/slug-redirect';
import { getPublished, listPublished, publishedTotals } from './compendium.service';

const slugPattern = /^[a-z0-9-]{1,120}$/;

/** Public, read-only pages of the national compendium: no session, no cookie. */
export function compendiumRoutes(): Router {
  const router = Router();

  // GET /recueil — published practice sheets.
  router.get('/recueil', async (_req, res) => {
    res.render('compendium/list', {
      pageTitle: 'Recueil des bonnes pratiques',
      practices: await listPublished(),
    });
  });

  // GET /recueil/:slug — one practice sheet.
  router.get('/recueil/:slug', async (req, res, next) => {
    if (!slugPattern.test(req.params.slug)) return next();
    const practice = await getPublished(req.params.slug).catch(async (error: unknown) => {
      // A sheet whose slug changed answers its old address with a permanent redirect.
      const moved = error instanceof NotFoundError && (await currentSlugFor(req.params.slug));
      if (!moved) throw error;
      return moved;
    });
    if (typeof practice === 'string') return res.redirect(301, `/recueil/${practice}`);
    res.render('compendium/show', { pageTitle: practice.title, practice });
  });

  // GET /chiffres-cles — key figures of the programme and of the compendium.
  router.get('/chiffres-cles', async (_req, res) => {
    res.render('compendium/figures', {
      pageTitle: 'Chiffres clés',
      totals: await publishedTotals(),
    });
  });
  return router;
}
