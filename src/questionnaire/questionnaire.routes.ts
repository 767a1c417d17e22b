import express, { Router } from 'express';
import { limitPerIp } from '../lib/http/rate-limit';
import { csrfProtection, sessionMiddleware } from '../lib/http/session';
import { uploadFiles } from '../lib/http/upload';
import { uploadField } from './attachments.service';
import {
  introController,
  type QuestionnaireDeps,
  sectionController,
} from './questionnaire.controller';
import { reviewController } from './review.controller';
import { saveSectionController } from './section-save.controller';

/**
 * The respondent's journey. Session + CSRF only where a form is shown or posted; the resume
 * token in the URL identifies the response (it is hashed in the database).
 */
export function questionnaireRoutes(deps: QuestionnaireDeps): Router {
  const router = Router();
  const intro = introController(deps);
  const section = sectionController(deps);
  const review = reviewController(deps);
  const save = saveSectionController(deps);

  const session = sessionMiddleware(deps.config);
  const form = express.urlencoded({ extended: false, limit: '200kb', parameterLimit: 1000 });
  const upload = uploadFiles(uploadField, deps.config.uploads);
  const withForm = [session, csrfProtection];
  const resume = '/questionnaire/reprendre/:token';

  router.get('/questionnaire', ...withForm, intro.show);
  router.post(
    '/questionnaire/commencer',
    limitPerIp('brouillons', 10, 60),
    session,
    form,
    csrfProtection,
    intro.start,
  );

  router.get(resume, section.tasks);
  router.get(`${resume}/verification`, ...withForm, review.show);
  router.post(
    `${resume}/envoyer`,
    limitPerIp('envois', 20, 60),
    session,
    form,
    csrfProtection,
    review.send,
  );
  router.get(`${resume}/confirmation`, review.confirmation);
  router.get(`${resume}/fichiers/:fileId`, review.download);
  router.get(`${resume}/:section`, ...withForm, section.show);
  // multer reads multipart bodies before the CSRF check can see the token.
  router.post(
    `${resume}/:section`,
    limitPerIp('enregistrements', 300, 15),
    session,
    form,
    upload,
    csrfProtection,
    save,
  );

  return router;
}
