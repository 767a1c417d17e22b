import type { RequestHandler } from 'express';
import { campaignState } from './campaign';
import {
  addAttachments,
  checkUploads,
  readCaptions,
  removeAttachment,
  saveCaptions,
  uploadInputId,
  type IncomingFile,
} from './attachments.service';
import { single, type Body } from './form-input';
import { sectionIndex, sections } from './questionnaire';
import { type QuestionnaireDeps, resumePath, sectionController } from './questionnaire.controller';
import { formValues, sectionPage } from './questionnaire.views';
import { saveSection } from './response.service';
import type { FieldError } from './section-validation';
import { validateSection } from './section-validation';

type Action = 'continuer' | 'precedent' | 'quitter' | 'actualiser' | 'televerser';
const actions: Action[] = ['continuer', 'precedent', 'quitter', 'actualiser', 'televerser'];

/**
 * POST /questionnaire/reprendre/:token/:section — saves the page, then goes where the button says.
 * « Enregistrer et continuer » needs every required answer; the other buttons save what is valid
 * so far. Any error re-renders the page (422) with everything typed, and nothing is stored.
 */
export function saveSectionController(deps: QuestionnaireDeps): RequestHandler {
  const { load } = sectionController(deps);
  return async (req, res) => {
    const { token, response, section } = await load(req);
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

    const { errors, answers } = await validateSection(section!, req, complete);
    const captions = section!.attachments ? readCaptions(response, body, complete) : undefined;
    const files = (Array.isArray(req.files) ? req.files : []) as IncomingFile[];
    const uploads = files.length ? checkUploads(response, files, deps.config.uploads) : undefined;
    const allErrors: FieldError[] = [
      ...errors,
      ...(captions?.errors ?? []),
      ...(req.uploadError ? [{ field: uploadInputId, message: req.uploadError }] : []),
      ...(uploads?.errors ?? []),
    ];
    if (allErrors.length) {
      res.status(422).render(
        'questionnaire/section',
        sectionPage(response, section!, {
          token,
          form: formValues(section!, {}, body),
          errors: allErrors,
          fromReview,
        }),
      );
      return;
    }

    // Captions rewrite the listed files, so they go before new files are appended.
    if (captions) await saveCaptions(response, captions.captions);
    if (uploads) await addAttachments(response, uploads.accepted);
    const emailAnswer = answers.emailRepondant;
    await saveSection(response, section!, answers, {
      contactEmail:
        !response.contactEmail && typeof emailAnswer === 'string' ? emailAnswer : undefined,
    });

    if (uploads) {
      // New files are shown on the same page first, so images get their description.
      res.redirect(
        303,
        `${here}?ajoutes=${uploads.accepted.length}${fromReview ? '&retour=verification' : ''}#fichiers`,
      );
      return;
    }
    const index = sectionIndex(section!);
    switch (action) {
      case 'continuer':
        res.redirect(
          303,
          fromReview || index === sections.length - 1
            ? resumePath(token, '/verification')
            : resumePath(token, `/${sections[index + 1].slug}`),
        );
        return;
      case 'precedent':
        res.redirect(
          303,
          index > 0 ? resumePath(token, `/${sections[index - 1].slug}`) : resumePath(token),
        );
        return;
      case 'quitter':
        res.redirect(303, `${resumePath(token)}?enregistre=1`);
        return;
      case 'televerser':
        res.redirect(303, `${here}#fichiers`);
        return;
      default:
        res.redirect(303, `${here}${fromReview ? '?retour=verification' : ''}`);
    }
  };
}
