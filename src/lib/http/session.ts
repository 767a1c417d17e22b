import MongoStore from 'connect-mongo';
import type { RequestHandler } from 'express';
import session, { type SessionData } from 'express-session';
import mongoose from 'mongoose';
import type { Config } from '../config';
import { sessionCookieName } from './cookies';

/** Kept importable from here: forms pair it with the session middleware. */
export { csrfProtection } from './csrf';

/**
 * Sessions live in MongoDB, in the app's own database (any app process can serve any request).
 * They are for logged-in users: mount this only on routes that need a login. Anonymous forms
 * need no session (CSRF is a signed cookie, see csrf.ts), and read-only pages set no cookie.
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

/**
 * connect-mongo's `set` deletes `lastModified` from the session object it is given: after an
 * explicit save (a flash before its redirect) express-session then found the live session changed
 * and wrote it a second time at the end of the request. Given a copy, the end writes nothing.
 */
class SessionStore extends MongoStore {
  override set(sid: string, session: SessionData, callback?: (err?: unknown) => void): void {
    super.set(sid, { ...session }, callback);
  }
}

function createSession(config: Config): RequestHandler {
  const store = new SessionStore({
    client: mongoose.connection.getClient() as unknown as Parameters<
      typeof MongoStore.create
    >[0]['client'],
    // Without it connect-mongo uses the driver's default database (`test`).
    dbName: mongoose.connection.db?.databaseName,
    collectionName: 'sessions',
    ttl: 4 * 60 * 60,
    autoRemove: 'interval',
    autoRemoveInterval: 10,
    touchAfter: 10 * 60,
  });
  return session({
    name: sessionCookieName,
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
