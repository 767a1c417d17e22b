import { Router } from 'express';
import { requireUser } from '../accounts';
import { limitPerAccount } from '../lib/http/rate-limit';
import { csrfForUpload, csrfProtection } from '../lib/http/csrf';
import { importController as c, importUpload, sampleFile } from './import.controller';

/** Import of responses or sheets from a file (the CSRF token of the upload is in its URL). */
export function importRoutes(): Router {
  const router = Router();
  const user = [requireUser, csrfProtection];
  router.get('/moderation/import', ...user, c.form);
  router.get('/moderation/import/exemples/:file', requireUser, sampleFile);
  // Each file is parsed in a worker of its own: a few per person and hour is what real imports need.
  const uploads = limitPerAccount('imports', 20, 60);
  router.post('/moderation/import', requireUser, csrfForUpload, uploads, importUpload, c.upload);
  router.get('/moderation/import/:id', ...user, c.preview);
  router.post('/moderation/import/:id', ...user, c.run);
  return router;
}
