import express, { Router, type Request, type RequestHandler, type Response } from 'express';
import { ConflictError, NotFoundError } from '../lib/errors';
import { csrfProtection } from '../lib/http/csrf';
import { lineField, readForm, textBlockField } from '../lib/http/form';
import { sheetOfApprovalLink, sheetOfResponse } from './approval.service';
import { sendMedia } from './media.routes';
import { findMedia } from './sheet-media';
import { loadResume } from '../questionnaire';
import {
  approvalLinkRoute,
  approvalPath,
  decide,
  type SheetPreview,
  type WorkflowDeps,
} from './sheet.workflow';

type Sheet = NonNullable<Awaited<ReturnType<typeof sheetOfResponse>>>;

async function ofResumeLink(req: Request): Promise<Sheet> {
  const sheet = await sheetOfResponse(req.resumeLink!.response._id, String(req.params.sheetId));
  if (!sheet) throw new NotFoundError('Cette fiche n’existe pas');
  return sheet;
}

async function ofApprovalLink(req: Request): Promise<Sheet> {
  const sheet = await sheetOfApprovalLink(String(req.params.token));
  if (!sheet) throw new NotFoundError('Ce lien de relecture n’est plus valable');
  return sheet;
}

/** Where a page was reached from: its form's address and, for a resume link, the way back. */
interface Access {
  /** What runs before CSRF and the body: the resume link's response is loaded first. */
  guards: RequestHandler[];
  load(req: Request): Promise<Sheet>;
  action(req: Request, sheet: Sheet): string;
  back?(req: Request): string;
}

const byResumeLink: Access = {
  guards: [(req, res, next) => loadResume(req, res, next, String(req.params.token), 'token')],
  load: ofResumeLink,
  action: (req, sheet) => `/questionnaire/reprendre/${req.resumeLink!.token}/fiches/${sheet._id}`,
  back: (req) => `/questionnaire/reprendre/${req.resumeLink!.token}`,
};
const byApprovalLink: Access = {
  guards: [],
  load: ofApprovalLink,
  action: (req) => approvalPath(String(req.params.token)),
};

type Deps = WorkflowDeps & { preview: SheetPreview };

async function render(
  deps: Deps,
  req: Request,
  res: Response,
  access: Access,
  sheet: Sheet,
  errors: Array<{ field: string; message: string }> = [],
  comment = '',
  status = errors.length ? 422 : 200,
) {
  const { practice, figures, facts, sections, mediaBase } = await deps.preview(
    sheet,
    `${access.action(req, sheet)}/medias`,
  );
  res.status(status).render('sheets/approval', {
    pageTitle: `Votre fiche : ${sheet.title}`,
    practice,
    figures,
    facts,
    sections,
    mediaBase,
    pdf: false,
    sheet,
    action: access.action(req, sheet),
    back: access.back?.(req),
    errors,
    comment,
    waiting: sheet.approval?.state === 'demandee',
  });
}

/** Reads the author's decision; a request for changes needs its comment. */
async function readDecision(req: Request) {
  const { values } = await readForm<Record<'decision' | 'comment' | 'revision', string>>(req, [
    lineField('decision'),
    textBlockField('comment'),
    lineField('revision'),
  ]);
  const { decision, comment } = values;
  if (decision !== 'valider' && decision !== 'modifier') throw new NotFoundError();
  const missing = decision === 'modifier' && (!comment || comment.length > 2000);
  return { decision, comment, revision: Number(values.revision), missing } as const;
}

/**
 * The author's approval page, reached through their private resume link or the sheet's e-mailed
 * approval link: GET shows the sheet as it will be published, POST records « Je valide » or « Je
 * demande une modification » (comment required) for the revision shown.
 */
export function approvalRoutes(deps: Deps): Router {
  const router = Router({ caseSensitive: true });
  const form = express.urlencoded({ extended: false, limit: '50kb', parameterLimit: 20 });

  const show =
    (access: Access): RequestHandler =>
    async (req, res) => {
      res.set('Cache-Control', 'no-store');
      await render(deps, req, res, access, await access.load(req));
    };

  const answer =
    (access: Access): RequestHandler =>
    async (req, res) => {
      res.set('Cache-Control', 'no-store');
      const sheet = await access.load(req);
      const { decision, comment, revision, missing } = await readDecision(req);
      if (missing) {
        const message = 'Expliquez la modification souhaitée (2 000 caractères au plus)';
        return render(deps, req, res, access, sheet, [{ field: 'comment', message }], comment);
      }
      try {
        await decide(deps, sheet, revision, decision, comment, req.ip);
      } catch (error) {
        if (!(error instanceof ConflictError)) throw error;
        const errors = [{ field: 'decision', message: error.message }];
        return render(deps, req, res, access, sheet, errors, comment, 409);
      }
      res.redirect(303, `${access.action(req, sheet)}?reponse=1`);
    };

  // The sheet's photos and documents as the page shows them, before they are public.
  const media =
    (access: Access): RequestHandler =>
    async (req, res) => {
      const sheet = await access.load(req);
      const file = await findMedia(String(sheet._id), String(req.params.fileId), true);
      await sendMedia(res, file, 'private, no-store');
    };

  for (const [path, access] of [
    ['/questionnaire/reprendre/:token/fiches/:sheetId', byResumeLink],
    [approvalLinkRoute, byApprovalLink],
  ] as const) {
    router.get(path, ...access.guards, csrfProtection, show(access));
    router.post(path, ...access.guards, form, csrfProtection, answer(access));
    router.get(`${path}/medias/:fileId`, ...access.guards, media(access));
  }
  return router;
}
