import express, { Router, type RequestHandler } from 'express';
import { requireRole, setFlash } from '../accounts';
import { csrfProtection } from '../lib/http/csrf';
import { choiceField, readForm } from '../lib/http/form';
import { anyExample, countExamples, countsText, removeExamples } from './examples.service';

const base = '/moderation/exemples';
const confirmMessage = 'Cochez la case pour confirmer le retrait définitif des données d’exemple.';

const page =
  (status = 200, error?: string): RequestHandler =>
  async (_req, res) => {
    const counts = await countExamples();
    res.status(status).render('examples/admin', {
      pageTitle: 'Données d’exemple',
      counts,
      any: anyExample(counts),
      error,
    });
  };

// POST /moderation/exemples — removes every fictitious object after the confirmation box.
const remove: RequestHandler = async (req, res, next) => {
  const { values } = await readForm<{ confirmation: string }>(req, [
    choiceField('confirmation', ['oui'], confirmMessage, { optional: true }),
  ]);
  if (values.confirmation !== 'oui') return page(422, confirmMessage)(req, res, next);
  const counts = await removeExamples(req.user!, req.ip);
  await setFlash(req, `Données d’exemple retirées : ${countsText(counts)}.`);
  res.redirect(303, base);
};

/** The admins' page that shows what fictitious content remains and removes it (admins only). */
export function examplesRoutes(): Router {
  const router = Router();
  const admin = requireRole('admin');
  const form = express.urlencoded({ extended: false, limit: '2kb', parameterLimit: 5 });
  router.get(base, admin, csrfProtection, page());
  router.post(base, admin, form, csrfProtection, remove);
  return router;
}
