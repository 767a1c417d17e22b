import type { Request } from 'express';
import { Passport } from 'passport';
import { Strategy as LocalStrategy } from 'passport-local';
import type { SerializedUser } from './auth.types';
import { checkPassword, findSessionUser, needsSecondFactor, type LoginUser } from './login.service';

function isSerializedUser(value: unknown): value is SerializedUser {
  const v = value as Partial<SerializedUser> | null;
  return typeof v?.id === 'string' && /^[a-f0-9]{24}$/.test(v.id) && typeof v.v === 'number';
}

/**
 * One passport instance per app: the local strategy (e-mail + password) and the session link.
 * The session keeps `{ id, v }`; each request checks the account as last written, so a disabled
 * account, a changed password (new version) or a second factor now required ends older sessions
 * at once in the process that wrote it, within 2 s in the others (`session-accounts.ts`).
 */
export type AuthPassport = InstanceType<typeof Passport>;

export function createPassport(): AuthPassport {
  const passport = new Passport();
  passport.use(
    new LocalStrategy(
      { usernameField: 'email', passwordField: 'password', passReqToCallback: true },
      (req, email, password, done) => {
        checkPassword(email, password, { ip: req.ip }).then(
          (user) => done(null, user ?? false),
          (error: unknown) => done(error),
        );
      },
    ),
  );
  passport.serializeUser((user, done) => {
    done(null, { id: user.id, v: (user as LoginUser).authVersion } satisfies SerializedUser);
  });
  passport.deserializeUser<unknown, Request>((req, serialized, done) => {
    if (!isSerializedUser(serialized) || !req.session.auth) return done(null, false);
    const { secondFactor } = req.session.auth;
    findSessionUser(serialized.id, serialized.v).then((user) => {
      done(null, user && (!needsSecondFactor(user) || secondFactor) ? user : false);
    }, done);
  });
  return passport;
}
