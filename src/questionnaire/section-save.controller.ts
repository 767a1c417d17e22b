import type { Request, RequestHandler } from 'express';
import type { UploadResult } from '../lib/files/upload-storage';
import { campaignState } from './campaign';
import {
  discardUploads,
  readCaptions,
  readUploads,
  removeAttachment,
  uploadInputId,
} from './attachments.service';
import type { Section } from './definition.types';
import { single } from './form-input';
import { sectionIndex, sections } from './questionnaire';
import type { QuestionnaireDeps } from './questionnaire.deps';
import { resumePath } from './resume-link';
import { resumeOf } from './resume-link';
import type { SurveyResponse } from './response.model';
import { storePage } from './section-save.service';
import { formValues, sectionPage } from './questionnaire.views';
import type { FieldError } from '../lib/http/form';
import { readSectionForm, validateSection } from './section-validation';

type Action = 'continuer' | 'precedent' | 'quitter' | 'actualiser' | 'televerser';
const actions: Action[] = ['continuer', 'precedent', 'quitter', 'actualiser', 'televerser'];

/** Where each button leads once the page is saved. */
function nextPath(token: string, section: Section, action: Action, fromReview: boolean): string {
  const here = resumePath(token, `/${section.slug}`);
  const index = sectionIndex(section);
  switch (action) {
    case 'continuer':
      return fromReview || index === sections.length - 1
        ? resumePath(token, '/verification')
        : resumePath(token, `/${sections[index + 1].slug}`);
    case 'precedent':
      return index > 0 ? resumePath(token, `/${sections[index - 1].slug}`) : resumePath(token);
    case 'quitter':
      return `${resumePath(token)}?enregistre=1`;
    case 'televerser':
      return `${here}#fichiers`;
    default:
      return `${here}${fromReview ? '?retour=verification' : ''}`;
  }
}

type Body = Awaited<ReturnType<typeof readSectionForm>>;

/** What the page asks for (its button) and whether what it sent can be stored. */
function checkPage(
  req: Request,
  body: Body,
  section: Section,
  response: SurveyResponse,
  uploadErrors: FieldError[],
) {
  const requested = single(body, 'action');
  const action: Action = actions.find((a) => a === requested) ?? 'actualiser';
  const complete = action === 'continuer';
  const { errors, answers } = validateSection(section, body, complete, response.answers);
  const captions = section.attachments ? readCaptions(response, body, complete) : undefined;
  return {
    action,
    fromReview: single(body, 'retour') === 'verification',
    answers,
    captions: captions?.captions,
    errors: [
      ...errors,
      ...(captions?.errors ?? []),
      ...(req.uploadError ? [{ field: uploadInputId, message: req.uploadError }] : []),
      ...uploadErrors,
    ],
  };
}

/**
 * POST /questionnaire/reprendre/:token/:section — saves the page, then goes where the button says.
 * « Enregistrer et continuer » needs every required answer; the other buttons save what is valid
 * so far. Any error re-renders the page (422) with everything typed, and nothing is stored: files
 * this request streamed into GridFS are deleted unless they end up listed on the response.
 */
export function saveSectionController(deps: QuestionnaireDeps): RequestHandler {
  return async (req, res) => {
    const { token, response, section } = resumeOf(req);
    const uploads = readUploads(
      (Array.isArray(req.files) ? req.files : []) as unknown as UploadResult[],
    );
    let handedOver = false;
    try {
      if (!campaignState(deps.config.questionnaire).open)
        return res.redirect(303, resumePath(token));
      const body = await readSectionForm(req, section, response);
      const here = resumePath(token, `/${section.slug}`);
      const removeId = single(body, 'supprimer');
      if (typeof removeId === 'string' && removeId) {
        // « Supprimer » buttons post their own small form: remove the file, touch nothing else.
        await removeAttachment(response, removeId);
        return res.redirect(303, `${here}#fichiers`);
      }
      const page = checkPage(req, body, section, response, uploads.errors);
      const rerender = (errors: FieldError[]) =>
        res.status(422).render(
          'questionnaire/section',
          sectionPage(response, section, {
            token,
            form: formValues(section, {}, body),
            errors,
            fromReview: page.fromReview,
            limits: deps.config.uploads,
          }),
        );
      if (page.errors.length) return rerender(page.errors);
      handedOver = true;
      const refused = await storePage(response, section, page, uploads.stored, deps.config.uploads);
      if (refused) return rerender([refused.error]);
      // New files are shown on the same page first, so images get their description.
      const added = uploads.stored.length;
      res.redirect(
        303,
        added
          ? `${here}?ajoutes=${added}${page.fromReview ? '&retour=verification' : ''}#fichiers`
          : nextPath(token, section, page.action, page.fromReview),
      );
    } finally {
      if (!handedOver) await discardUploads(uploads.stored);
    }
  };
}
