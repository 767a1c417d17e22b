import type { Request, RequestHandler, Response } from 'express';
import { setFlash } from '../accounts';
import { ConflictError } from '../lib/errors';
import { errorsByField, textField, type FieldError } from '../lib/http/validate';
import {
  addTerm,
  isKind,
  mergeTerms,
  renameTerm,
  retireTerm,
  taxonomyOverview,
} from './taxonomy.service';
import { singleLine } from '../lib/text';

const render = async (
  res: Response,
  errors: FieldError[] = [],
  form: Record<string, string> = {},
) =>
  res.status(errors.length ? 422 : 200).render('taxonomy/index', {
    pageTitle: 'Taxonomie',
    lists: await taxonomyOverview(),
    errors,
    errorFor: errorsByField(errors),
    form,
  });

/** The label typed in a form, checked; the error names the field it came from. */
function readLabel(req: Request, field: string): { label: string; error?: FieldError } {
  const label = singleLine(textField(req.body, 'label'));
  if (label.length < 2 || label.length > 120) {
    return { label, error: { field, message: 'Saisissez un libellé de 2 à 120 caractères' } };
  }
  return { label };
}

/** Runs one change and comes back to the page with its outcome. */
const change =
  (run: (req: Request, res: Response) => Promise<boolean>, done: string): RequestHandler =>
  async (req, res) => {
    const kind = textField(req.body, 'kind');
    if (!isKind(kind)) return render(res, [{ field: 'kind', message: 'Choisissez une liste' }]);
    try {
      if (!(await run(req, res))) return;
      await setFlash(req, done);
    } catch (error) {
      if (!(error instanceof ConflictError)) throw error;
      await setFlash(req, error.message);
    }
    res.redirect(303, `/moderation/taxonomie#${kind}`);
  };

const kindOf = (req: Request) => textField(req.body, 'kind') as Parameters<typeof addTerm>[1];
const code = (req: Request, name = 'code') => textField(req.body, name);

export const taxonomyController = {
  // GET /moderation/taxonomie
  show: (async (_req, res) => render(res)) as RequestHandler,
  // POST /moderation/taxonomie/ajouter
  add: change(async (req, res) => {
    const { label, error } = readLabel(req, `label-${kindOf(req)}`);
    if (error) {
      await render(res, [error], { [error.field]: label });
      return false;
    }
    await addTerm(req.user!, kindOf(req), label, req.ip);
    return true;
  }, 'Terme ajouté.'),
  // POST /moderation/taxonomie/renommer
  rename: change(async (req, res) => {
    const { label, error } = readLabel(req, `label-${kindOf(req)}-${code(req)}`);
    if (error) {
      await render(res, [error], { [error.field]: label });
      return false;
    }
    await renameTerm(req.user!, kindOf(req), code(req), label, req.ip);
    return true;
  }, 'Terme renommé.'),
  // POST /moderation/taxonomie/retirer (restore with rétablir=1)
  retire: change(async (req) => {
    await retireTerm(
      req.user!,
      kindOf(req),
      code(req),
      textField(req.body, 'retablir') === '1',
      req.ip,
    );
    return true;
  }, 'Terme mis à jour.'),
  // POST /moderation/taxonomie/fusionner
  merge: change(async (req) => {
    await mergeTerms(req.user!, kindOf(req), code(req, 'from'), code(req, 'into'), req.ip);
    return true;
  }, 'Termes fusionnés : les fiches ont suivi.'),
};
