import type { Role } from './user.model';

/** The signed-in person as every back-office handler sees it (`req.user`). */
export interface SessionUser {
  id: string;
  email: string;
  name: string;
  role: Role;
  /** INSEE région codes a regional coordinator is limited to; empty = every région. */
  regions: string[];
  totpEnabled: boolean;
}

/** What passport keeps in the session: the id, and the account version it was checked against. */
export interface SerializedUser {
  id: string;
  v: number;
}

declare global {
  // eslint-disable-next-line @typescript-eslint/no-namespace
  namespace Express {
    // passport types `req.user` as Express.User: make it our SessionUser.
    // eslint-disable-next-line @typescript-eslint/no-empty-object-type
    interface User extends SessionUser {}
  }
}

declare module 'express-session' {
  interface SessionData {
    /** Set at login: timestamps for the idle and absolute timeouts. */
    auth: { loginAt: number; seenAt: number; secondFactor: boolean };
    /** Password accepted, second factor still to do (verification or enrolment). */
    pending: { userId: string; at: number; retour: string };
    /** TOTP secret being enrolled, until its first code is confirmed. */
    totpSetup: { secret: string; at: number };
    /** One success message shown by the next page (POST/redirect/GET). */
    flash: string;
  }
}
