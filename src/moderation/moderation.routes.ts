import { Router } from 'express';
import { requireUser } from '../accounts';
import { csrfProtection } from '../lib/http/session';
import { postBulkStatus } from './bulk.controller';
import { exportCsv, exportXlsx } from './export.controller';
import { figuresCsv, figuresPage } from './figures.controller';
import { inboxPage } from './inbox.controller';
import { downloadFile, postNote, postStatus, previewFile, showResponse } from './review.controller';

/** The responses inbox and review pages, for every signed-in moderator and admin (régions applied). */
export function moderationRoutes(): Router {
  const router = Router();
  const signedIn = [requireUser, csrfProtection];
  const one = '/moderation/reponses/:id';

  router.get('/moderation', ...signedIn, inboxPage);
  router.get('/moderation/export.csv', ...signedIn, exportCsv);
  router.get('/moderation/export.xlsx', ...signedIn, exportXlsx);
  router.get('/moderation/chiffres', ...signedIn, figuresPage);
  router.get('/moderation/chiffres/:jeu.csv', ...signedIn, figuresCsv);
  router.post('/moderation/reponses/statut', ...signedIn, postBulkStatus);
  router.get(one, ...signedIn, showResponse);
  router.post(`${one}/statut`, ...signedIn, postStatus);
  router.post(`${one}/notes`, ...signedIn, postNote);
  router.get(`${one}/fichiers/:fileId`, ...signedIn, downloadFile);
  router.get(`${one}/fichiers/:fileId/apercu`, ...signedIn, previewFile);
  return router;
}
