import { Router } from 'express';
import { requireRole, type AuthDeps } from '../../accounts';
import { csrfForUpload, csrfProtection } from '../../lib/http/csrf';
import { attendeeExportsController } from '../registrations/admin/attendee-exports.controller';
import { attendeesController } from '../registrations/admin/attendees.controller';
import { checkInController } from '../registrations/admin/check-in.controller';
import { documentsController, loadAdminMeeting } from './documents.controller';
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
  const attendees = attendeesController({ mailer: deps.mailer, baseUrl: deps.config.baseUrl });
  const exports = attendeeExportsController();
  const checkIn = checkInController();
  const documents = documentsController(deps.config);
  const one = '/moderation/rencontres/:slug';

  router.get('/moderation/rencontres', ...staff, editor.list);
  router.get('/moderation/rencontres/nouvelle', ...staff, editor.showNew);
  router.post('/moderation/rencontres/nouvelle', ...staff, editor.create);
  router.get(one, ...staff, attendees.overview);
  router.get(`${one}/modifier`, ...staff, editor.showEdit);
  router.post(`${one}/modifier`, ...staff, editor.update);
  router.get(`${one}/inscrits`, ...staff, attendees.list);
  router.get(`${one}/inscrits.csv`, ...staff, exports.csv);
  router.get(`${one}/inscrits.xlsx`, ...staff, exports.xlsx);
  router.get(`${one}/inscrits/ajouter`, ...staff, attendees.showAdd);
  router.post(`${one}/inscrits/ajouter`, ...staff, attendees.add);
  router.post(`${one}/inscrits/:id/atelier`, ...staff, attendees.move);
  router.post(`${one}/inscrits/:id/annulation`, ...staff, attendees.cancel);
  router.post(`${one}/inscrits/:id/presence`, ...staff, checkIn.markPresent);
  router.get(`${one}/accueil`, ...staff, checkIn.showCheckIn);
  router.get(`${one}/emargement/:code.pdf`, ...staff, exports.pdfSheet);
  router.get(`${one}/emargement/:code`, ...staff, exports.printSheet);
  router.get(`${one}/documents`, ...staff, loadAdminMeeting, documents.show);
  router.post(
    `${one}/documents`,
    requireRole('admin', 'moderator'),
    loadAdminMeeting,
    csrfForUpload,
    documents.upload,
    documents.add,
  );
  router.post(`${one}/documents/:fileId/suppression`, ...staff, loadAdminMeeting, documents.remove);
  return router;
}
