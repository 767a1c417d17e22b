import { createHmac, timingSafeEqual } from 'node:crypto';
import type { Express, Request, RequestHandler } from 'express';
import { AppError, ForbiddenError } from '../errors';
import { newToken, secureRandomBytes } from '../secret-token';
import { readCookie, sessionCookieName } from './cookies';
import { isMultipart } from './upload';

/**
 * CSRF protection for every form of the app, without server-side state: a signed double-submit
 * token. A random value lives in an HttpOnly cookie; each page's token is an HMAC of that value
 * (with a fresh salt per page, so compressed pages do not repeat it) and, once the browser has a
 * session, of the session id. A forged form from another site cannot read the cookie to compute
 * the token, and a token copied from another browser or session does not match.
 * Anonymous forms (the questionnaire) therefore need no session at all.
 */
const secretSetting = 'csrf secret';
const unsafeMethods = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/** The app's signing secret for CSRF tokens (createApp passes SESSION_SECRET). */
export function setCsrfSecret(app: Express, secret: string): void {
  // A key of its own, so that the session secret is never used for two purposes.
  app.set(secretSetting, createHmac('sha256', secret).update('csrf').digest());
}

function keyOf(req: Request): Buffer {
  const key = req.app.get(secretSetting) as Buffer | undefined;
  if (!key) throw new Error('setCsrfSecret(app, secret) must be called before csrfProtection');
  return key;
}

/** __Host- makes the cookie impossible to set from a sibling domain; it requires HTTPS. */
const cookieName = (secure: boolean) => (secure ? '__Host-bp.csrf' : 'bp.csrf');
const base64url = /^[A-Za-z0-9_-]{22,86}$/;

/** The session id when the request came with a stored session, else '' (anonymous form). */
function sessionBinding(req: Request): string {
  if (!req.session || !req.sessionID) return '';
  // express-session sets sessionID from a valid cookie, or generates a new, unsaved one.
  return readCookie(req, sessionCookieName)?.startsWith(`s:${req.sessionID}.`) ? req.sessionID : '';
}

function mac(key: Buffer, salt: string, value: string, binding: string): Buffer {
  return createHmac('sha256', key).update(`${salt}.${value}.${binding}`).digest();
}

function issue(req: Request, value: string): string {
  const salt = secureRandomBytes(12).toString('base64url');
  const signature = mac(keyOf(req), salt, value, sessionBinding(req)).toString('base64url');
  return `${salt}.${signature}`;
}

function verify(req: Request, value: string | undefined, token: unknown): boolean {
  if (!value || typeof token !== 'string' || token.length > 200) return false;
  const [salt, signature, ...rest] = token.split('.');
  if (rest.length || !salt || !signature) return false;
  const expected = mac(keyOf(req), salt, value, sessionBinding(req));
  const given = Buffer.from(signature, 'base64url');
  return given.length === expected.length && timingSafeEqual(given, expected);
}

/**
 * Where a form's token is: the `_csrf` field; the `x-csrf-token` header (scripts); for the
 * multipart forms of upload routes, the `_csrf` parameter of the form's action URL, because it
 * must be checked before the body (and its files) is read.
 */
function submittedToken(req: Request, uploads: boolean): unknown {
  const fromBody = (req.body as Record<string, unknown> | undefined)?._csrf;
  if (fromBody !== undefined) return fromBody;
  if (req.headers['x-csrf-token'] !== undefined) return req.headers['x-csrf-token'];
  return uploads && isMultipart(req) ? req.query._csrf : undefined;
}

/**
 * A page's form token, and the Set-Cookie header of a new value when the visitor has none (a
 * first visit): for a request that changes nothing.
 */
export function formToken(req: Request): { token: string; setCookie?: string } {
  const name = cookieName(req.secure);
  const value = readCookie(req, name);
  if (value && base64url.test(value)) return { token: issue(req, value) };
  const fresh = newToken();
  const setCookie = `${name}=${fresh}; Path=/; HttpOnly${req.secure ? '; Secure' : ''}; SameSite=Lax`;
  return { token: issue(req, fresh), setCookie };
}

function protection(uploads: boolean): RequestHandler {
  return (req, res, next) => {
    if (!unsafeMethods.has(req.method)) {
      const { token, setCookie } = formToken(req);
      if (setCookie) res.append('Set-Cookie', setCookie);
      res.locals.csrfToken = token;
      return next();
    }
    // Only upload routes read a multipart body: elsewhere it would never be parsed.
    if (!uploads && isMultipart(req)) {
      next(new AppError(400, 'Ce formulaire n’accepte pas de fichier : rechargez la page.'));
      return;
    }
    const value = readCookie(req, cookieName(req.secure));
    if (!verify(req, value, submittedToken(req, uploads))) {
      next(new ForbiddenError('Le formulaire a expiré : rechargez la page et réessayez.'));
      return;
    }
    res.locals.csrfToken = issue(req, value!);
    next();
  };
}

/**
 * Rejects POST/PUT/PATCH/DELETE without a valid token (French 403) and exposes a token to views
 * (`res.locals.csrfToken`), setting the cookie on first use. Mount after the body parser. A
 * multipart body is refused (400): such a route never reads one.
 */
export const csrfProtection: RequestHandler = protection(false);

/**
 * The same for a route that takes files: a multipart form carries its token in its action URL,
 * checked here before any multipart parser reads the body.
 */
export const csrfForUpload: RequestHandler = protection(true);
