import express, { type Request, type RequestHandler } from 'express';
import type { AuthPassport } from './passport';
import type { Config } from '../lib/config';
import { sessionMiddleware } from '../lib/http/session';
import type { LoginUser } from './login.service';
import { AppError } from '../lib/errors';

/** Session rules of the back office (the cookie and store themselves are in lib/http/session). */
export const idleTimeoutMs = 2 * 60 * 60_000;
export const absoluteTimeoutMs = 12 * 60 * 60_000;
/** Time allowed between the password and the second factor (or the enrolment). */
export const pendingTimeoutMs = 10 * 60_000;
// Writing `seenAt` on every request would save the session each time: once a minute is enough.
const seenAtResolutionMs = 60_000;

declare module 'express-serve-static-core' {
  interface Request {
    /** Set when this request found the session past its idle or absolute timeout. */
    sessionExpired?: boolean;
  }
}

const regenerate = (req: Request) =>
  new Promise<void>((resolve, reject) =>
    req.session.regenerate((err) => (err ? reject(err) : resolve())),
  );

/**
 * Stored before the redirect that depends on it: express-session would otherwise send the
 * response while saving, and a fast browser could ask for the next page before the save lands.
 */
const save = (req: Request) =>
  new Promise<void>((resolve, reject) =>
    req.session.save((err) => (err ? reject(err) : resolve())),
  );

/**
 * Ends a login that is past its idle (2 h) or absolute (12 h) timeout: the stored session is
 * deleted (regenerate destroys it) and the request goes on anonymous. Stale half-done steps
 * (second factor, enrolment) are forgotten after 10 minutes.
 */
const timeouts: RequestHandler = async (req, _res, next) => {
  const now = Date.now();
  const s = req.session;
  if (s.pending && now - s.pending.at > pendingTimeoutMs) delete s.pending;
  if (s.totpSetup && now - s.totpSetup.at > pendingTimeoutMs) delete s.totpSetup;
  if (s.auth) {
    if (now - s.auth.seenAt > idleTimeoutMs || now - s.auth.loginAt > absoluteTimeoutMs) {
      await regenerate(req);
      req.sessionExpired = true;
    } else if (now - s.auth.seenAt > seenAtResolutionMs) {
      s.auth.seenAt = now;
    }
  }
  next();
};

/** A session whose account may no longer be used (passport dropped it) is deleted too. */
const dropRefusedLogin: RequestHandler = async (req, _res, next) => {
  if (req.session.auth && !req.user) await regenerate(req);
  next();
};

/** Back-office answers are private: never cached; templates see the user and the flash. */
const locals: RequestHandler = (req, res, next) => {
  res.set('Cache-Control', 'no-store');
  res.locals.currentUser = req.user;
  res.locals.flash = req.session.flash;
  delete req.session.flash;
  next();
};

/**
 * In production the session cookie is `Secure`: over plain HTTP the browser never sends it back,
 * and a login would loop back to its form without a word. Such a request gets a page saying why
 * (and the log says it once per process): the site must be opened in HTTPS, or, behind a
 * TLS-terminating proxy, TRUST_PROXY=true must let the app see the forwarded protocol.
 */
function requireHttps(config: Config): RequestHandler {
  let logged = false;
  return (req, _res, next) => {
    if (!config.isProduction || req.secure) return next();
    if (!logged) {
      logged = true;
      req.log.warn(
        { trustProxy: config.trustProxy },
        'Connexion demandée en HTTP : le cookie de session ne peut pas être posé (ouvrir le site en HTTPS, ou TRUST_PROXY=true derrière un serveur mandataire)',
      );
    }
    next(
      new AppError(
        400,
        `Cette page n’est accessible qu’en connexion sécurisée (HTTPS) : votre navigateur ne garderait pas la connexion. Ouvrez ${config.baseUrl.replace(/^http:/, 'https:')}${req.originalUrl.split('?')[0]} ; si le site est déjà servi en HTTPS par un serveur mandataire, l’équipe technique doit régler TRUST_PROXY=true.`,
      ),
    );
  };
}

/**
 * The middleware every back-office and login route runs first: database session, timeouts,
 * passport (which reloads the account), form body parsing, and the templates' locals.
 * It is mounted on those paths only: public pages create no session and set no cookie.
 */
export function authSession(config: Config, passport: AuthPassport): RequestHandler[] {
  return [
    requireHttps(config),
    sessionMiddleware(config),
    timeouts,
    passport.initialize(),
    passport.session(),
    dropRefusedLogin,
    express.urlencoded({ extended: false, limit: '100kb', parameterLimit: 200 }),
    locals,
  ];
}

/**
 * Logs the user in: passport regenerates the session id (no fixation) and stores `{ id, v }`;
 * the timestamps start the idle and absolute clocks. `loginAt` is kept when an existing login is
 * renewed (password changed), so the absolute timeout still counts from the first login.
 */
export async function startSession(
  req: Request,
  user: LoginUser,
  secondFactor: boolean,
  loginAt = Date.now(),
): Promise<void> {
  await new Promise<void>((resolve, reject) =>
    req.login(user, (err) => (err ? reject(err) : resolve())),
  );
  req.session.auth = { loginAt, seenAt: Date.now(), secondFactor };
  await save(req);
}

/** Password accepted, second factor to come: a fresh session id that holds no login yet. */
export async function startPendingLogin(req: Request, userId: string, retour: string) {
  await regenerate(req);
  req.session.pending = { userId, at: Date.now(), retour };
  await save(req);
}

/** Logout: the stored session is deleted, not just emptied. */
export function endSession(req: Request): Promise<void> {
  return new Promise((resolve, reject) =>
    req.session.destroy((err) => (err ? reject(err) : resolve())),
  );
}

/** One success message for the page the next redirect leads to (saved before redirecting). */
export async function setFlash(req: Request, message: string): Promise<void> {
  req.session.flash = message;
  await save(req);
}
