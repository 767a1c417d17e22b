import MongoStore from 'connect-mongo';
import { csrfSync } from 'csrf-sync';
import type { RequestHandler } from 'express';
import session from 'express-session';
import mongoose from 'mongoose';
import type { Config } from '../../config';

/**
 * Sessions live in MongoDB (any app process can serve any request). They are mounted only on
 * routes that have forms or a login: read-only public pages set no cookie.
 * Expired sessions are removed by a periodic delete: FerretDB has no TTL index.
 */
export function sessionMiddleware(config: Config): RequestHandler {
  // Built on first use: the app may be created before Mongoose has connected.
  let handler: RequestHandler | undefined;
  return (req, res, next) => {
    handler ??= createSession(config);
    handler(req, res, next);
  };
}

function createSession(config: Config): RequestHandler {
  const store = MongoStore.create({
    client: mongoose.connection.getClient() as unknown as Parameters<
      typeof MongoStore.create
    >[0]['client'],
    // The app's own database (without it the client's default database, `test`, is used).
    dbName: mongoose.connection.name,
    collectionName: 'sessions',
    ttl: 4 * 60 * 60,
    autoRemove: 'interval',
    autoRemoveInterval: 10,
    touchAfter: 10 * 60,
  });
  return session({
    name: 'bp.sid',
    secret: config.sessionSecret,
    store,
    resave: false,
    saveUninitialized: false,
    rolling: false,
    cookie: {
      httpOnly: true,
      sameSite: 'lax',
      secure: config.isProduction,
      maxAge: 4 * 60 * 60 * 1000,
    },
  });
}

const csrf = csrfSync({
  getTokenFromRequest: (req) => {
    const token = (req.body as Record<string, unknown> | undefined)?._csrf;
    return typeof token === 'string' ? token : undefined;
  },
  errorConfig: { statusCode: 403, message: 'Jeton de sécurité du formulaire invalide ou expiré' },
});

/** Rejects POST/PUT/PATCH/DELETE without the session's token (403), and exposes it to views. */
export const csrfProtection: RequestHandler = (req, res, next) => {
  csrf.csrfSynchronisedProtection(req, res, (err?: unknown) => {
    if (err) return next(err);
    res.locals.csrfToken = csrf.generateToken(req);
    next();
  });
};
