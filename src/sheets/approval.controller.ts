import express, { Router, type RequestHandler } from 'express';
import { Types } from 'mongoose';
import { previewLocals } from '../compendium/practice-page';
import { ConflictError, NotFoundError } from '../lib/errors';
import { csrfProtection } from '../lib/http/csrf';
import { textField } from '../lib/http/validate';
import { PracticeModel } from '../practices/practice.model';
import { loadResume } from '../questionnaire/resume-link';
import type { SurveyResponse } from '../questionnaire/response.model';
import { decide, type WorkflowDeps } from './sheet.workflow';

/** The sheets made from this response that wait for its author (the resume page lists them). */
export async function sheetsAwaitingAuthor(responseId: Types.ObjectId) {
  return PracticeModel.find(
    { 'origin.responseId': responseId, 'approval.state': 'demandee' },
    'title approval.requestedAt',
  ).lean();
}

/** Only a sheet made from the link's own response: another response's token finds nothing. */
async function sheetOf(response: SurveyResponse, sheetId: string) {
  const sheet = Types.ObjectId.isValid(sheetId)
    ? await PracticeModel.findOne({ _id: sheetId, 'origin.responseId': response._id }).lean()
    : null;
  if (!sheet) throw new NotFoundError('Cette fiche n’existe pas');
  return sheet;
}

/**
 * The author's approval page, reached through their private resume link only:
 * GET shows the sheet as it will be published, POST records « Je valide » or « Je demande une
 * modification » (comment required) for the revision shown.
 */
export function approvalRoutes(deps: WorkflowDeps): Router {
  const router = Router({ caseSensitive: true });
  const path = '/questionnaire/reprendre/:token/fiches/:sheetId';
  const form = express.urlencoded({ extended: false, limit: '50kb', parameterLimit: 20 });
  router.param('token', loadResume);

  const render = async (
    res: express.Response,
    sheet: Awaited<ReturnType<typeof sheetOf>>,
    token: string,
    errors: Array<{ field: string; message: string }> = [],
    comment = '',
    status = errors.length ? 422 : 200,
  ) =>
    res.status(status).render('sheets/approval', {
      pageTitle: `Votre fiche : ${sheet.title}`,
      practice: (await previewLocals(sheet)).practice,
      sheet,
      token,
      errors,
      comment,
      waiting: sheet.approval?.state === 'demandee',
    });

  const show: RequestHandler = async (req, res) => {
    const { token, response } = req.resumeLink!;
    res.set('Cache-Control', 'no-store');
    await render(res, await sheetOf(response, String(req.params.sheetId)), token);
  };

  const answer: RequestHandler = async (req, res) => {
    const { token, response } = req.resumeLink!;
    res.set('Cache-Control', 'no-store');
    const sheet = await sheetOf(response, String(req.params.sheetId));
    const decision = textField(req.body, 'decision');
    const comment = textField(req.body, 'comment').trim();
    if (decision !== 'valider' && decision !== 'modifier') throw new NotFoundError();
    if (decision === 'modifier' && (!comment || comment.length > 2000)) {
      const message = 'Expliquez la modification souhaitée (2 000 caractères au plus)';
      return render(res, sheet, token, [{ field: 'comment', message }], comment);
    }
    try {
      await decide(
        deps,

        response,
        sheet,
        Number(textField(req.body, 'revision')),
        decision,
        comment,
        req.ip,
      );
    } catch (error) {
      if (!(error instanceof ConflictError)) throw error;
      return render(
        res,
        sheet,
        token,
        [{ field: 'decision', message: error.message }],
        comment,
        409,
      );
    }
    res.redirect(303, `/questionnaire/reprendre/${token}/fiches/${String(sheet._id)}?reponse=1`);
  };

  router.get(path, csrfProtection, show);
  router.post(path, form, csrfProtection, answer);
  return router;
}
