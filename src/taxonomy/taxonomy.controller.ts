import type { Request, RequestHandler, Response } from 'express';
import { setFlash } from '../accounts';
import type { TaxonomyKind } from '../reference';
import { ConflictError } from '../lib/errors';
import { errorsByField, lineField, readForm, type FieldError } from '../lib/http/form';
import {
  addTerm,
  isKind,
  mergeTerms,
  renameTerm,
  retireTerm,
  taxonomyOverview,
} from './taxonomy.service';

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

type TermForm = Record<'kind' | 'code' | 'from' | 'into' | 'label' | 'retablir', string>;
const termFields = () =>
  ['kind', 'code', 'from', 'into', 'label', 'retablir'].map((name) => lineField(name));

/** The label typed in a form, checked; the error names the field it came from. */
function checkLabel(label: string, field: string): FieldError | undefined {
  if (label.length < 2 || label.length > 120) {
    return { field, message: 'Saisissez un libellé de 2 à 120 caractères' };
  }
}

/** Runs one change of a list and comes back to the page with its outcome. */
const change =
  (
    run: (req: Request, res: Response, form: TermForm & { kind: TaxonomyKind }) => Promise<boolean>,
    done: string,
  ): RequestHandler =>
  async (req, res) => {
    const { values } = await readForm<TermForm>(req, termFields());
    const kind = values.kind;
    if (!isKind(kind)) return render(res, [{ field: 'kind', message: 'Choisissez une liste' }]);
    try {
      if (!(await run(req, res, { ...values, kind }))) return;
      await setFlash(req, done);
    } catch (error) {
      if (!(error instanceof ConflictError)) throw error;
      await setFlash(req, error.message);
    }
    res.redirect(303, `/moderation/taxonomie#${kind}`);
  };

/** Adds or renames a term once its label is right (else the page again, with the label typed). */
const labelled =
  (
    field: (f: TermForm) => string,
    apply: (req: Request, f: TermForm & { kind: TaxonomyKind }) => Promise<unknown>,
  ) =>
  async (req: Request, res: Response, f: TermForm & { kind: TaxonomyKind }) => {
    const error = checkLabel(f.label, field(f));
    if (error) {
      await render(res, [error], { [error.field]: f.label });
      return false;
    }
    await apply(req, f);
    return true;
  };

export const taxonomyController = {
  // GET /moderation/taxonomie
  show: (async (_req, res) => render(res)) as RequestHandler,
  // POST /moderation/taxonomie/ajouter
  add: change(
    labelled(
      (f) => `label-${f.kind}`,
      (req, f) => addTerm(req.user!, f.kind, f.label, req.ip),
    ),
    'Terme ajouté.',
  ),
  // POST /moderation/taxonomie/renommer
  rename: change(
    labelled(
      (f) => `label-${f.kind}-${f.code}`,
      (req, f) => renameTerm(req.user!, f.kind, f.code, f.label, req.ip),
    ),
    'Terme renommé.',
  ),
  // POST /moderation/taxonomie/retirer (restore with rétablir=1)
  retire: change(async (req, _res, f) => {
    await retireTerm(req.user!, f.kind, f.code, f.retablir === '1', req.ip);
    return true;
  }, 'Terme mis à jour.'),
  // POST /moderation/taxonomie/fusionner
  merge: change(async (req, _res, f) => {
    await mergeTerms(req.user!, f.kind, f.from, f.into, req.ip);
    return true;
  }, 'Termes fusionnés : les fiches ont suivi.'),
};
