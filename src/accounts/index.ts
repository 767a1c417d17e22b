/**
 * Accounts and access: the only import other features use.
 *
 * Route lines read as policy, after the session stack that `backOfficeRoutes` mounts:
 *   router.get('/moderation/x', requireUser, csrfProtection, controller)          any signed-in user
 *   router.post('/moderation/y', requireRole('admin'), csrfProtection, controller) admins only
 * `req.user` is a SessionUser; `regionScope(req.user)` limits a regional coordinator's queries.
 */
import type { RequestHandler, Router } from 'express';
import { authSession } from './auth-session';
import { authRoutes } from './auth.routes';
import type { AuthDeps } from './password-link.controller';
import { createPassport } from './passport';

export type { SessionUser } from './auth.types';
export {
  inRegionScope,
  regionFilter,
  regionScope,
  requireNational,
  requireRole,
  requireUser,
} from './guards';
export { setFlash, idleTimeoutMs, absoluteTimeoutMs } from './auth-session';
export { safeReturnPath } from './return-path';
export { passwordLinkRoute } from './password-link.service';
export type { AuthDeps };

/** Paths that get a session: login steps, password links and the whole back office. */
export const sessionPaths = [
  '/connexion',
  '/deconnexion',
  '/mot-de-passe-oublie',
  '/mot-de-passe/nouveau',
  '/moderation',
];

/** The session stack (database session, timeouts, passport, form body) and the auth pages. */
export function createAuth(deps: AuthDeps): { session: RequestHandler[]; routes: Router } {
  const passport = createPassport();
  return { session: authSession(deps.config, passport), routes: authRoutes({ ...deps, passport }) };
}
export { sendInvitation } from './invitation';
export { resetTotp } from './second-factor.service';
export { generatePassword, minPasswordLength } from './password';
export { roles } from './user.model';
export type { Role } from './user.model';
export { upsertUser, userExists } from './user.service';
export { flashStep } from './flash-step';
export { journalRoutes } from './journal.routes';
export { userMigrations } from './user.migrations';
export { usersRoutes } from './users.routes';
export { accountsPersonalData } from './personal-data';
