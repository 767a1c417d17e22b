import express, { Router, type RequestHandler } from 'express';
import type { Config } from '../lib/config';
import { gridFsStorage } from '../lib/files/upload-storage';
import { AppError } from '../lib/errors';
import { csrfForUpload, csrfProtection } from '../lib/http/csrf';
import { limitPerIp } from '../lib/http/rate-limit';
import { isMultipart, uploadFiles } from '../lib/http/upload';
import { uploadBudget, uploadField } from './attachments.service';
import { introController, sectionController } from './questionnaire.controller';
import type { QuestionnaireDeps } from './questionnaire.deps';
import { loadResume, loadSection, resumeLinkRoute } from './resume-link';
import { download, reviewController } from './review.controller';
import { saveSectionController } from './section-save.controller';

/** Private pages (typed answers, the token in links and forms) and their errors: never cached. */
const noStore: RequestHandler = (_req, res, next) => {
  res.set('Cache-Control', 'no-store');
  next();
};

/**
 * Files only on the page that has them, streamed into GridFS within the response's limits;
 * a multipart body sent to any other page is refused before it is read.
 */
function sectionFiles(config: Config): RequestHandler {
  const upload = uploadFiles(
    uploadField,
    config.uploads,
    gridFsStorage({
      ownerId: (req) => req.resumeLink!.response._id,
      budget: (req) => uploadBudget(req.resumeLink!.response, config.uploads),
    }),
  );
  return (req, res, next) => {
    if (!isMultipart(req)) return next();
    if (!req.resumeSection?.attachments) {
      return next(
        new AppError(
          400,
          'Cette étape du questionnaire n’accepte pas de fichiers : joignez-les à l’étape « Documents et publication ».',
        ),
      );
    }
    upload(req, res, next);
  };
}

/**
 * The respondent's journey, without sessions: forms carry a signed CSRF token (csrf.ts) and the
 * resume token in the URL identifies the response (it is hashed in the database). Guards before
 * work: the token's response is loaded first (`router.param`), then CSRF is checked, and only
 * then is a body — and its files — read.
 */
export function questionnaireRoutes(deps: QuestionnaireDeps): Router {
  const router = Router({ caseSensitive: true });
  const intro = introController(deps);
  const section = sectionController(deps);
  const review = reviewController(deps);
  const save = saveSectionController(deps);

  const form = express.urlencoded({ extended: false, limit: '200kb', parameterLimit: 1000 });
  const resume = resumeLinkRoute;

  router.use('/questionnaire', noStore);
  router.param('token', loadResume);
  router.param('section', loadSection);

  router.get('/questionnaire', csrfProtection, intro.show);
  router.post(
    '/questionnaire/commencer',
    limitPerIp('brouillons', 10, 60),
    form,
    csrfProtection,
    intro.start,
  );

  router.get(resume, section.tasks);
  router.get(`${resume}/verification`, csrfProtection, review.show);
  router.post(`${resume}/envoyer`, limitPerIp('envois', 20, 60), form, csrfProtection, review.send);
  router.get(`${resume}/confirmation`, review.confirmation);
  router.get(`${resume}/fichiers/:fileId`, download);
  router.get(`${resume}/:section`, csrfProtection, section.show);
  router.post(
    `${resume}/:section`,
    limitPerIp('enregistrements', 300, 15),
    form,
    csrfForUpload,
    sectionFiles(deps.config),
    save,
  );

  return router;
}
