import { Router } from 'express';
import { requireRole, type AuthDeps } from '../../accounts';
import { csrfForUpload, csrfProtection } from '../../lib/http/csrf';
import * as attendeeExports from '../registrations/admin/attendee-exports.controller';
import * as attendees from '../registrations/admin/attendees.controller';
import { checkInController } from '../registrations/admin/check-in.controller';
import {
  addDocument,
  deleteDocument,
  loadAdminMeeting,
  showDocuments,
  uploadDocuments,
} from './documents.controller';
import { meetingEditorController } from './meeting-editor.controller';

/**
 * The meetings' back office, for moderators and admins (a regional coordinator sees the meetings
 * of their régions only: another région's meeting is a 404). Mounted after the session stack.
 * `/moderation/rencontres/:slug/pratiques` (practice selections) belongs to the curation routes.
 */
export function meetingsAdminRoutes(deps: AuthDeps): Router {
  const router = Router({ caseSensitive: true });
  const staff = [requireRole('admin', 'moderator'), csrfProtection];
  const editor = meetingEditorController();
  const registrations = { mailer: deps.mailer, baseUrl: deps.config.baseUrl };
  const checkIn = checkInController();
  const one = '/moderation/rencontres/:slug';

  router.get('/moderation/rencontres', ...staff, editor.list);
  router.get('/moderation/rencontres/nouvelle', ...staff, editor.showNew);
  router.post('/moderation/rencontres/nouvelle', ...staff, editor.create);
  router.get(one, ...staff, attendees.overview);
  router.get(`${one}/modifier`, ...staff, editor.showEdit);
  router.post(`${one}/modifier`, ...staff, editor.update);
  router.get(`${one}/inscrits`, ...staff, attendees.list);
  router.get(`${one}/inscrits.csv`, ...staff, attendeeExports.csv);
  router.get(`${one}/inscrits.xlsx`, ...staff, attendeeExports.xlsx);
  router.get(`${one}/inscrits/ajouter`, ...staff, attendees.showAdd);
  router.post(`${one}/inscrits/ajouter`, ...staff, attendees.add(registrations));
  router.post(`${one}/inscrits/:id/atelier`, ...staff, attendees.move(registrations));
  router.get(`${one}/inscrits/:id/annulation`, ...staff, attendees.confirmCancel);
  router.post(`${one}/inscrits/:id/annulation`, ...staff, attendees.cancel(registrations));
  router.post(`${one}/inscrits/:id/presence`, ...staff, checkIn.markPresent);
  router.get(`${one}/accueil`, ...staff, checkIn.showCheckIn);
  router.get(`${one}/emargement/:code.pdf`, ...staff, attendeeExports.pdfSheet);
  router.get(`${one}/emargement/:code`, ...staff, attendeeExports.printSheet);
  router.get(`${one}/documents`, ...staff, loadAdminMeeting, showDocuments);
  router.post(
    `${one}/documents`,
    requireRole('admin', 'moderator'),
    loadAdminMeeting,
    csrfForUpload,
    uploadDocuments(deps.config),
    addDocument,
  );
  router.post(`${one}/documents/:fileId/suppression`, ...staff, loadAdminMeeting, deleteDocument);
  return router;
}
