import express, { Router, type RequestHandler } from 'express';
import { requireRole } from '../accounts';
import type { Config } from '../lib/config';
import { csrfProtection } from '../lib/http/csrf';
import { limitPerIp } from '../lib/http/rate-limit';
import { loadResume, myDataSuffix, resumeLinkRoute } from '../questionnaire';
import { adminErase, adminExport, adminSearch } from './admin.controller';
import {
  deleteMyDraft,
  draftDeleted,
  eraseMyData,
  erasureConfirmation,
  myDataArchive,
  myDataPage,
} from './my-data.controller';
import { noticePage, processingRecord } from './notice';

const noStore: RequestHandler = (_req, res, next) => {
  res.set('Cache-Control', 'no-store');
  next();
};

/** The public notice, rendered once (page cache): mounted with the other public pages. */
export function noticeRoutes(config: Config): Router {
  return Router().get('/donnees-personnelles', noticePage(config));
}

/** The respondent's « Mes données », without sessions. */
export function privacyRoutes(config: Config): Router {
  const router = Router({ caseSensitive: true });
  const form = express.urlencoded({ extended: false, limit: '10kb', parameterLimit: 20 });
  const mine = `${resumeLinkRoute}${myDataSuffix}`;
  const rights = limitPerIp('droits', 30, 15);

  router.param('token', loadResume);
  router.get('/questionnaire/brouillon-supprime', noStore, draftDeleted);
  router.get(mine, noStore, csrfProtection, myDataPage(config));
  router.get(`${mine}/mes-donnees.zip`, noStore, rights, myDataArchive(config));
  router.get(`${mine}/effacement`, noStore, csrfProtection, erasureConfirmation);
  router.post(`${mine}/effacement`, noStore, rights, form, csrfProtection, eraseMyData(config));
  router.post(`${mine}/suppression`, noStore, rights, form, csrfProtection, deleteMyDraft(config));
  return router;
}

/** The admins' page (behind the back office's session stack; admins always have a second factor). */
export function privacyAdminRoutes(config: Config): Router {
  const router = Router();
  const form = express.urlencoded({ extended: false, limit: '10kb', parameterLimit: 20 });
  const admin = requireRole('admin');
  const base = '/moderation/donnees-personnelles';
  router.get(base, admin, noStore, csrfProtection, adminSearch(config));
  router.post(base, admin, noStore, form, csrfProtection, adminSearch(config));
  router.get(`${base}/registre.csv`, admin, processingRecord(config));
  router.post(`${base}/export`, admin, noStore, form, csrfProtection, adminExport(config));
  router.post(`${base}/effacement`, admin, noStore, form, csrfProtection, adminErase(config));
  return router;
}
