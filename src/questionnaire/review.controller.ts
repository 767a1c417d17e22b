import type { RequestHandler, Response } from 'express';
import { campaignState } from './campaign';
import { sendStoredFile } from '../lib/files/attachment-store';
import { NotFoundError } from '../lib/errors';
import { findAttachment } from './attachments.service';
import { confirmationEmail } from './questionnaire.emails';
import type { QuestionnaireDeps } from './questionnaire.deps';
import { resumePath } from './resume-link';
import { resumeOf } from './resume-link';
import { reviewSections } from './questionnaire.views';
import type { SurveyResponse } from './response.model';
import { incompleteSections, submit } from './response.service';

function recipient(response: SurveyResponse): string | undefined {
  const answer = response.answers.emailRepondant;
  return response.contactEmail ?? (typeof answer === 'string' ? answer : undefined);
}

/** « Check your answers »; with 422, the steps still to complete as errors. */
function renderReview(
  open: boolean,
  res: Response,
  token: string,
  response: SurveyResponse,
  status = 200,
) {
  const incomplete = incompleteSections(response);
  res
    .status(status)
    .set('Cache-Control', 'no-store')
    .render('questionnaire/review', {
      pageTitle: `${status === 422 ? 'Erreur : ' : ''}Vérifier vos réponses`,
      token,
      sections: reviewSections(response),
      errors:
        status === 422
          ? incomplete.map((s) => ({
              href: resumePath(token, `/${s.slug}?retour=verification`),
              message: `Complétez l’étape « ${s.title} »`,
            }))
          : [],
      incomplete: incomplete.map((s) => s.slug),
      submitted: response.status === 'envoyee',
      reference: response.reference,
      open,
    });
}

// GET /questionnaire/reprendre/:token/fichiers/:fileId — a file of this response only.
export const download: RequestHandler = async (req, res) => {
  const { response } = resumeOf(req);
  const attachment = findAttachment(response, String(req.params.fileId));
  if (!attachment) throw new NotFoundError('Ce fichier n’existe pas ou a été supprimé');
  await sendStoredFile(res, attachment, {
    disposition: 'attachment',
    cache: 'private, no-store',
  });
};

export function reviewController(deps: QuestionnaireDeps) {
  const { config, mailer } = deps;
  const isOpen = () => campaignState(config.questionnaire).open;
  const render = (res: Response, token: string, response: SurveyResponse, status = 200) =>
    renderReview(isOpen(), res, token, response, status);

  // GET /questionnaire/reprendre/:token/verification — « check your answers ».
  const show: RequestHandler = async (req, res) => {
    const { token, response } = resumeOf(req);
    render(res, token, response);
  };

  // POST /questionnaire/reprendre/:token/envoyer — sends a complete response.
  const send: RequestHandler = async (req, res) => {
    const { token, response } = resumeOf(req);
    if (!isOpen()) {
      res.redirect(303, resumePath(token));
      return;
    }
    if (incompleteSections(response).length) {
      render(res, token, response, 422);
      return;
    }
    const { reference, firstTime } = await submit(response);
    const to = recipient(response);
    if (firstTime && to) {
      await mailer
        .send(confirmationEmail(to, reference, `${config.baseUrl}${resumePath(token)}`))
        .catch((err: unknown) => req.log.error({ err }, 'envoi de la confirmation impossible'));
    }
    res.redirect(303, resumePath(token, '/confirmation'));
  };

  // GET /questionnaire/reprendre/:token/confirmation — reference number and resume link.
  const confirmation: RequestHandler = async (req, res) => {
    const { token, response } = resumeOf(req);
    if (response.status !== 'envoyee') {
      res.redirect(303, resumePath(token, '/verification'));
      return;
    }
    res.set('Cache-Control', 'no-store').render('questionnaire/confirmation', {
      pageTitle: 'Réponse envoyée',
      reference: response.reference,
      resumeUrl: `${config.baseUrl}${resumePath(token)}`,
      email: recipient(response),
      token,
    });
  };

  return { show, send, confirmation };
}
