import { Router } from 'express';
import { requireUser } from '../accounts';
import { csrfProtection } from '../lib/http/session';
import { sheetMediaController, showSheetMedia } from './sheet-media.controller';
import { mediaKinds } from './sheet-media';
import { sheetActionsController } from './sheet-actions.controller';
import * as editor from './sheets.controller';
import { listSheetsPage, publishSheets, tagSheets } from './sheets-list.controller';
import type { SheetsDeps } from './sheet.workflow';

/** Editorial sheets in the back office (after the session stack), for every signed-in user. */
export function sheetsRoutes(deps: SheetsDeps): Router {
  const router = Router();
  const actions = sheetActionsController(deps);
  const user = [requireUser, csrfProtection];
  const one = '/moderation/fiches/:id';

  router.get('/moderation/fiches', ...user, listSheetsPage);
  router.post('/moderation/fiches/etiquettes', ...user, tagSheets);
  router.post('/moderation/fiches/publication', ...user, publishSheets);
  router.get('/moderation/fiches/nouvelle', ...user, editor.showNew(deps));
  router.post('/moderation/fiches/nouvelle', ...user, editor.create(deps));
  router.post('/moderation/reponses/:id/fiche', ...user, editor.fromResponse);
  router.get(one, ...user, editor.edit(deps));
  router.post(one, ...user, editor.save(deps));
  router.get(`${one}/apercu`, ...user, actions.preview);
  router.get(`${one}/versions`, ...user, actions.versions);
  router.post(`${one}/validation`, ...user, actions.requestApproval);
  router.post(`${one}/relance`, ...user, actions.remind);
  router.post(`${one}/publier`, ...user, actions.publish);
  router.post(`${one}/depublier`, ...user, actions.unpublish);
  for (const kind of mediaKinds) {
    const media = sheetMediaController(kind, deps.editorSections);
    router.post(`${one}/${kind}`, ...user, media.add);
    router.post(`${one}/${kind}/retirer`, ...user, media.remove);
  }
  router.get(`${one}/medias/:fileId`, requireUser, showSheetMedia);
  return router;
}
