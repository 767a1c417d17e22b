import type { Express } from 'express';
import mongoose from 'mongoose';
import type { Page } from 'playwright-core';
import request from 'supertest';
import { newTotpSecret, totpCode } from '../../src/accounts/totp';
import { hashPassword } from '../../src/accounts/password';
import { UserModel, type Role } from '../../src/accounts/user.model';
import { csrfFrom } from './respondent';

/**
 * Accounts and signed-in agents for back-office tests. Every admin gets a TOTP secret (admins
 * must use one), so logging in goes through the real second-factor step with a computed code.
 */

export interface TestUserOptions {
  role?: Role;
  regions?: string[];
  email?: string;
  name?: string;
  password?: string;
  active?: boolean;
  /** Enrol a TOTP secret (always for admins unless false). */
  totp?: boolean;
}

export interface TestUser {
  id: string;
  email: string;
  name: string;
  role: Role;
  regions: string[];
  password: string;
  /** Base32 TOTP secret, when the account has a second factor. */
  totpSecret?: string;
}

// Computed once: argon2 is deliberately slow.
const defaultPassword = 'mot-de-passe-de-test-123';
let defaultHash: Promise<string> | undefined;
let counter = 0;

/** Inserts an account straight into the database (password hashed with argon2id). */
export async function createUser(options: TestUserOptions = {}): Promise<TestUser> {
  const role = options.role ?? 'moderator';
  const password = options.password ?? defaultPassword;
  const passwordHash =
    password === defaultPassword
      ? await (defaultHash ??= hashPassword(defaultPassword))
      : await hashPassword(password);
  const withTotp = options.totp ?? role === 'admin';
  const totpSecret = withTotp ? newTotpSecret() : undefined;
  counter += 1;
  const email = options.email ?? `${role}-${counter}-${process.pid}@exemple.fr`;
  const name = options.name ?? `${role === 'admin' ? 'Admin' : 'Modératrice'} ${counter}`;
  const user = await UserModel.create({
    email,
    name,
    role,
    regions: options.regions ?? [],
    passwordHash,
    active: options.active ?? true,
    totpEnabled: withTotp,
    totp: totpSecret ? { secret: totpSecret, enabledAt: new Date(), lastStep: 0 } : null,
  });
  return {
    id: String(user._id),
    email,
    name,
    role,
    regions: options.regions ?? [],
    password,
    totpSecret,
  };
}

export type Agent = ReturnType<typeof request.agent>;

/** The current TOTP code of a test user. */
export function codeFor(user: TestUser, now = Date.now()): string {
  if (!user.totpSecret) throw new Error(`${user.email} has no TOTP secret`);
  return totpCode(user.totpSecret, now);
}

/** Posts the login form (with its CSRF token), as a browser would. */
export async function submitLogin(
  agent: Agent,
  email: string,
  password: string,
  retour?: string,
): Promise<request.Response> {
  const page = await agent.get(
    retour ? `/connexion?retour=${encodeURIComponent(retour)}` : '/connexion',
  );
  return agent
    .post('/connexion')
    .type('form')
    .send({ _csrf: csrfFrom(page.text), email, password, ...(retour && { retour }) });
}

/** Posts the second-factor form (TOTP or recovery code). */
export async function submitCode(agent: Agent, code: string): Promise<request.Response> {
  const page = await agent.get('/connexion/verification');
  return agent
    .post('/connexion/verification')
    .type('form')
    .send({ _csrf: csrfFrom(page.text), code });
}

export interface SignedIn {
  agent: Agent;
  user: TestUser;
  /** A fresh CSRF token from a page of the back office (default: the account page). */
  csrf(path?: string): Promise<string>;
}

/**
 * A supertest agent signed in as a new user of that role and those régions, through the real
 * login form (and the TOTP step for admins, with a computed code).
 *
 *   const { agent, user, csrf } = await loginAs(app, { role: 'moderator', regions: ['24'] });
 *   await agent.post('/moderation/x').type('form').send({ _csrf: await csrf(), … });
 */
export async function loginAs(app: Express, options: TestUserOptions = {}): Promise<SignedIn> {
  const user = await createUser(options);
  const agent = request.agent(app);
  const res = await submitLogin(agent, user.email, user.password);
  if (res.status !== 303) throw new Error(`login of ${user.email} failed: ${res.status}`);
  if (user.totpSecret) {
    const verified = await submitCode(agent, codeFor(user));
    if (verified.status !== 303) {
      throw new Error(`second factor of ${user.email} failed: ${verified.status}`);
    }
  }
  return {
    agent,
    user,
    csrf: async (path = '/moderation/compte') => csrfFrom((await agent.get(path)).text),
  };
}

/** The agent's session id (from its `bp.sid` cookie, `s:<id>.<signature>`), as stored. */
export function sessionIdOf(agent: Agent): string | undefined {
  const cookie = agent.jar.getCookie('bp.sid', {
    domain: '127.0.0.1',
    path: '/',
    secure: false,
    script: false,
  });
  return cookie && decodeURIComponent(cookie.value).match(/^s:([^.]+)\./)?.[1];
}

export const sessions = () =>
  mongoose.connection.collection<{ _id: string; session: string }>('sessions');

/** Moves a stored session's login clocks back in time (idle and absolute timeouts). */
export async function ageSession(
  sessionId: string,
  shift: { idleMs?: number; sinceLoginMs?: number },
): Promise<void> {
  const stored = await sessions().findOne({ _id: sessionId });
  if (!stored) throw new Error(`no stored session ${sessionId}`);
  const data = JSON.parse(stored.session) as { auth: { loginAt: number; seenAt: number } };
  data.auth.seenAt -= shift.idleMs ?? 0;
  data.auth.loginAt -= shift.sinceLoginMs ?? 0;
  await sessions().updateOne({ _id: sessionId }, { $set: { session: JSON.stringify(data) } });
}

/**
 * The same for a Playwright page: a new user of that role signs in through the real forms (the
 * TOTP step for admins, with a computed code). The page ends on `retour` (default: account page).
 *
 *   const { user } = await loginPage(page, e2e.app.baseUrl, { role: 'admin' });
 */
export async function loginPage(
  page: Page,
  baseUrl: string,
  options: TestUserOptions = {},
  retour = '/moderation/compte',
): Promise<{ user: TestUser }> {
  const user = await createUser(options);
  await page.goto(`${baseUrl}/connexion?retour=${encodeURIComponent(retour)}`);
  await page.fill('#email', user.email);
  await page.fill('#password', user.password);
  await Promise.all([page.waitForURL(/./), page.click('button[type=submit]')]);
  if (user.totpSecret) {
    await page.fill('#code', codeFor(user));
    await Promise.all([page.waitForURL(/./), page.click('form button[type=submit]')]);
  }
  return { user };
}
