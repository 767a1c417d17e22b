import { Router } from 'express';
import { requireRole } from './guards';
import { csrfProtection } from '../lib/http/session';
import { journalPage } from './journal.controller';

/** The audit log page, for admins (after the back-office session stack). */
export function journalRoutes(): Router {
  const router = Router();
  router.get('/moderation/journal', requireRole('admin'), csrfProtection, journalPage);
  return router;
}
