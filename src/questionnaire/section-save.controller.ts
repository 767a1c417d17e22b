import type { RequestHandler } from 'express';
import type { UploadResult } from '../lib/files/upload-storage';
import { campaignState } from './campaign';
import {
  attachFiles,
  discardUploads,
  readCaptions,
  readUploads,
  removeAttachment,
  saveCaptions,
  uploadInputId,
} from './attachments.service';
import type { Section } from './definition.types';
import { single, type Body } from './form-input';
import { sectionIndex, sections } from './questionnaire';
import { type QuestionnaireDeps, resumePath, sectionController } from './questionnaire.controller';
import { formValues, sectionPage } from './questionnaire.views';
import { saveSection } from './response.service';
import type { FieldError } from './section-validation';
import { validateSection } from './section-validation';

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

/**
 * POST /questionnaire/reprendre/:token/:section — saves the page, then goes where the button says.
 * « Enregistrer et continuer » needs every required answer; the other buttons save what is valid
 * so far. Any error re-renders the page (422) with everything typed, and nothing is stored: files
 * this request streamed into GridFS are deleted unless they end up listed on the response.
 */
export function saveSectionController(deps: QuestionnaireDeps): RequestHandler {
  const { load } = sectionController(deps);
  return async (req, res) => {
    const { token, response, section } = await load(req);
    const uploads = readUploads(
      (Array.isArray(req.files) ? req.files : []) as unknown as UploadResult[],
    );
    let kept = false;
    try {
      if (!campaignState(deps.config.questionnaire).open) {
        res.redirect(303, resumePath(token));
        return;
      }
      const body = (req.body ?? {}) as Body;
      const here = resumePath(token, `/${section!.slug}`);
      const removeId = single(body, 'supprimer');
      if (typeof removeId === 'string' && removeId) {
        // « Supprimer » buttons post their own small form: remove the file, touch nothing else.
        await removeAttachment(response, removeId);
        res.redirect(303, `${here}#fichiers`);
        return;
      }
      const requested = single(body, 'action');
      const action: Action = actions.find((a) => a === requested) ?? 'actualiser';
      const complete = action === 'continuer';
      const fromReview = single(body, 'retour') === 'verification';
      const rerender = (errors: FieldError[]) =>
        res.status(422).render(
          'questionnaire/section',
          sectionPage(response, section!, {
            token,
            form: formValues(section!, {}, body),
            errors,
            fromReview,
            limits: deps.config.uploads,
          }),
        );

      const { errors, answers } = await validateSection(section!, req, complete, response.answers);
      const captions = section!.attachments ? readCaptions(response, body, complete) : undefined;
      const allErrors: FieldError[] = [
        ...errors,
        ...(captions?.errors ?? []),
        ...(req.uploadError ? [{ field: uploadInputId, message: req.uploadError }] : []),
        ...uploads.errors,
      ];
      if (allErrors.length) {
        rerender(allErrors);
        return;
      }

      // Files first: the only step that can still be refused (limits reached meanwhile).
      let attachments = response.attachments;
      if (uploads.stored.length) {
        const added = await attachFiles(response, uploads.stored, deps.config.uploads);
        if ('error' in added) {
          rerender([added.error]);
          return;
        }
        kept = true;
        attachments = added.attachments;
      }
      if (captions)
        attachments = await saveCaptions({ ...response, attachments }, captions.captions);
      const emailAnswer = answers.emailRepondant;
      await saveSection({ ...response, attachments }, section!, answers, {
        contactEmail:
          !response.contactEmail && typeof emailAnswer === 'string' ? emailAnswer : undefined,
      });

      // New files are shown on the same page first, so images get their description.
      res.redirect(
        303,
        uploads.stored.length
          ? `${here}?ajoutes=${uploads.stored.length}${fromReview ? '&retour=verification' : ''}#fichiers`
          : nextPath(token, section!, action, fromReview),
      );
    } finally {
      if (!kept) await discardUploads(uploads.stored);
    }
  };
}
