import type { Request, RequestHandler } from 'express';
import { flashStep } from '../accounts';
import { lineField, readForm } from '../lib/http/form';
import { findSheet } from './sheet.service';
import { queryValue } from '../lib/http/query-string';
import { compareVersions, listVersions } from './sheet.versions';
import {
  publish,
  remindAuthor,
  requestApproval,
  unpublish,
  type SheetsDeps,
} from './sheet.workflow';

/** The revision the page showed (a button acts on it only); -1 when it is not a number. */
const revisionOf = async (req: Request) => {
  const { values } = await readForm<{ revision: string }>(req, [lineField('revision')]);
  const n = Number(values.revision);
  return Number.isInteger(n) ? n : -1;
};

/** Preview, versions and the workflow buttons of the editor (each redirects with a message). */
export function sheetActionsController(deps: SheetsDeps) {
  // GET /moderation/fiches/:id/apercu — the public page's template with this sheet.
  const preview: RequestHandler = async (req, res) => {
    const sheet = await findSheet(req.user!, String(req.params.id));
    res.render('compendium/show', {
      ...(await deps.preview(sheet, `/moderation/fiches/${sheet._id}/medias`)),
      pageTitle: `Aperçu : ${sheet.title}`,
    });
  };

  // GET /moderation/fiches/:id/versions[?a=<id>&b=<id>] — history, and a comparison of two.
  const versions: RequestHandler = async (req, res) => {
    const sheet = await findSheet(req.user!, String(req.params.id));
    const a = queryValue(req.query, 'a') ?? '';
    const b = queryValue(req.query, 'b') ?? '';
    res.render('sheets/versions', {
      pageTitle: `Versions : ${sheet.title}`,
      sheet,
      versions: await listVersions(sheet._id),
      comparison: a && b ? await compareVersions(sheet._id, a, b) : undefined,
      query: { a, b },
    });
  };

  /** Runs one workflow step and comes back to the editor with its outcome. */
  const step = (run: (req: Request) => Promise<void>, done: string) =>
    flashStep(run, done, (req) => `/moderation/fiches/${String(req.params.id)}`);
  const sheetOf = (req: Request) => findSheet(req.user!, String(req.params.id));

  return {
    preview,
    versions,
    requestApproval: step(
      async (req) =>
        requestApproval(deps, req.user!, await sheetOf(req), await revisionOf(req), req.ip),
      'Validation demandée : l’auteur a reçu un e-mail.',
    ),
    remind: step(
      async (req) => remindAuthor(deps, req.user!, await sheetOf(req), req.ip),
      'Relance envoyée à l’auteur.',
    ),
    publish: step(
      async (req) => publish(req.user!, await sheetOf(req), await revisionOf(req), req.ip),
      'Fiche publiée.',
    ),
    unpublish: step(
      async (req) => unpublish(req.user!, await sheetOf(req), req.ip),
      'Fiche dépubliée.',
    ),
  };
}
