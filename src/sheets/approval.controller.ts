import express, { Router, type Request, type RequestHandler } from 'express';
import { Types } from 'mongoose';
import { ConflictError, NotFoundError } from '../lib/errors';
import { csrfProtection } from '../lib/http/csrf';
import { textField } from '../lib/http/validate';
import { hashToken } from '../lib/secret-token';
import { SheetModel } from './sheet.model';
import { loadResume } from '../questionnaire';
import {
  approvalLinkRoute,
  approvalPath,
  decide,
  type SheetPreview,
  type WorkflowDeps,
} from './sheet.workflow';
import { multiLine } from '../lib/text';

type Sheet = NonNullable<Awaited<ReturnType<typeof sheetOfResponse>>>;

/** The sheets made from this response that wait for its author (the resume page lists them). */
export async function sheetsAwaitingAuthor(responseId: Types.ObjectId) {
  return SheetModel.find(
    { 'origin.responseId': responseId, 'approval.state': 'demandee' },
    'title approval.requestedAt',
  ).lean();
}

/** Only a sheet made from the link's own response: another response's token finds nothing. */
async function sheetOfResponse(req: Request) {
  const sheetId = String(req.params.sheetId);
  const sheet = Types.ObjectId.isValid(sheetId)
    ? await SheetModel.findOne({
        _id: sheetId,
        'origin.responseId': req.resumeLink!.response._id,
      }).lean()
    : null;
  if (!sheet) throw new NotFoundError('Cette fiche n’existe pas');
  return sheet;
}

/** The one sheet of an e-mailed approval link, while the link is the latest and not expired. */
async function sheetOfApprovalLink(req: Request): Promise<Sheet> {
  const token = String(req.params.token);
  const sheet = /^[\w-]{43}$/.test(token)
    ? await SheetModel.findOne({
        'approval.tokenHash': hashToken(token),
        'approval.tokenExpiresAt': { $gt: new Date() },
        'origin.kind': 'reponse',
      }).lean()
    : null;
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
  load: sheetOfResponse,
  action: (req, sheet) => `/questionnaire/reprendre/${req.resumeLink!.token}/fiches/${sheet._id}`,
  back: (req) => `/questionnaire/reprendre/${req.resumeLink!.token}`,
};
const byApprovalLink: Access = {
  guards: [],
  load: sheetOfApprovalLink,
  action: (req) => approvalPath(String(req.params.token)),
};

/**
 * The author's approval page, reached through their private resume link or the sheet's e-mailed
 * approval link: GET shows the sheet as it will be published, POST records « Je valide » or « Je
 * demande une modification » (comment required) for the revision shown.
 */
export function approvalRoutes(deps: WorkflowDeps & { preview: SheetPreview }): Router {
  const router = Router({ caseSensitive: true });
  const form = express.urlencoded({ extended: false, limit: '50kb', parameterLimit: 20 });

  const render = async (
    req: Request,
    res: express.Response,
    access: Access,
    sheet: Sheet,
    errors: Array<{ field: string; message: string }> = [],
    comment = '',
    status = errors.length ? 422 : 200,
  ) =>
    res.status(status).render('sheets/approval', {
      pageTitle: `Votre fiche : ${sheet.title}`,
      practice: (await deps.preview(sheet)).practice,
      sheet,
      action: access.action(req, sheet),
      back: access.back?.(req),
      errors,
      comment,
      waiting: sheet.approval?.state === 'demandee',
    });

  const show =
    (access: Access): RequestHandler =>
    async (req, res) => {
      res.set('Cache-Control', 'no-store');
      await render(req, res, access, await access.load(req));
    };

  const answer =
    (access: Access): RequestHandler =>
    async (req, res) => {
      res.set('Cache-Control', 'no-store');
      const sheet = await access.load(req);
      const decision = textField(req.body, 'decision');
      const comment = multiLine(textField(req.body, 'comment'));
      if (decision !== 'valider' && decision !== 'modifier') throw new NotFoundError();
      if (decision === 'modifier' && (!comment || comment.length > 2000)) {
        const message = 'Expliquez la modification souhaitée (2 000 caractères au plus)';
        return render(req, res, access, sheet, [{ field: 'comment', message }], comment);
      }
      const revision = Number(textField(req.body, 'revision'));
      try {
        await decide(deps, sheet, revision, decision, comment, req.ip);
      } catch (error) {
        if (!(error instanceof ConflictError)) throw error;
        const errors = [{ field: 'decision', message: error.message }];
        return render(req, res, access, sheet, errors, comment, 409);
      }
      res.redirect(303, `${access.action(req, sheet)}?reponse=1`);
    };

  for (const [path, access] of [
    ['/questionnaire/reprendre/:token/fiches/:sheetId', byResumeLink],
    [approvalLinkRoute, byApprovalLink],
  ] as const) {
    router.get(path, ...access.guards, csrfProtection, show(access));
    router.post(path, ...access.guards, form, csrfProtection, answer(access));
  }
  return router;
}
