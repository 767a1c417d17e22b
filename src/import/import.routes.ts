import { Router } from 'express';
import { requireUser } from '../auth';
import { csrfProtection } from '../lib/http/session';
import { importController as c, importUpload } from './import.controller';

/** Import of responses or sheets from a file (the CSRF token of the upload is in its URL). */
export function importRoutes(): Router {
  const router = Router();
  const user = [requireUser, csrfProtection];
  router.get('/moderation/import', ...user, c.form);
  router.post('/moderation/import', ...user, importUpload, c.upload);
  router.get('/moderation/import/:id', ...user, c.preview);
  router.post('/moderation/import/:id', ...user, c.run);
  return router;
}
