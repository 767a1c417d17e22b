import type { Request, RequestHandler } from 'express';
import { ForbiddenError, UnauthorizedError } from '../lib/errors';
import type { Role } from './user.model';
import type { SessionUser } from './auth.types';
import { loginPath, safeReturnPath } from './return-path';

const wantsJson = (req: Request) => req.accepts(['html', 'json']) === 'json';

/**
 * Signed in, with the second factor done when the account needs one (the session stack only
 * sets `req.user` then). Pages redirect to `/connexion?retour=<this page>`; JSON answers 401.
 */
export const requireUser: RequestHandler = (req, res, next) => {
  if (req.user) return next();
  if (wantsJson(req)) return next(new UnauthorizedError());
  // Only a page can be returned to: after a POST the person starts again from the inbox.
  const retour = req.method === 'GET' ? safeReturnPath(req.originalUrl) : undefined;
  res.redirect(loginPath(retour, req.sessionExpired ? { expiree: '1' } : {}));
};

/** `requireUser`, then one of the roles: otherwise 403 (page or JSON). */
export function requireRole(...allowed: Role[]): RequestHandler {
  return (req, res, next) => {
    requireUser(req, res, (err?: unknown) => {
      if (err) return next(err);
      if (!allowed.includes(req.user!.role)) {
        return next(new ForbiddenError('Cette page est réservée aux administrateurs.'));
      }
      next();
    });
  };
}

/**
 * The régions a user may see: `undefined` for everyone national (admins, moderators without
 * régions), otherwise the list of INSEE région codes. Services turn it into their query filter,
 * so an object of another région is simply not found (404, never 403: no IDOR, no leak):
 *
 *   const scope = regionScope(req.user);
 *   const filter = { _id: id, ...(scope && { 'summary.region': { $in: scope } }) };
 *   const response = await ResponseModel.findOne(filter).lean();
 *   if (!response) throw new NotFoundError();
 */
export function regionScope(user: Pick<SessionUser, 'role' | 'regions'>): string[] | undefined {
  if (user.role === 'admin' || user.regions.length === 0) return undefined;
  return [...user.regions];
}

type Scoped = Pick<SessionUser, 'role' | 'regions'>;

/** Whether an object of that région is the user's to see and change. */
export function inRegionScope(user: Scoped, region: string | null | undefined): boolean {
  const scope = regionScope(user);
  return scope === undefined || (!!region && scope.includes(region));
}

/** The query side of the same rule: `{[field]: {$in: régions}}` for a regional user, else `{}`. */
export function regionFilter(user: Scoped, field: string): Record<string, unknown> {
  const scope = regionScope(user);
  return scope ? { [field]: { $in: scope } } : {};
}

/**
 * What spans every région — the national recueil's order — is changed by national users only
 * (admins, moderators without régions): 403 for a regional coordinator.
 */
export const requireNational: RequestHandler = (req, _res, next) => {
  if (regionScope(req.user!) === undefined) return next();
  next(new ForbiddenError('Cette action est réservée à l’équipe nationale.'));
};
