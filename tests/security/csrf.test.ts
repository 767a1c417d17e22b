import { productionEnv } from '../helpers/production';
import express from 'express';
import request from 'supertest';
import { loadConfig } from '../../src/lib/config';
import { csrfProtection, setCsrfSecret } from '../../src/lib/http/csrf';
import { errorHandler } from '../../src/lib/http/error-handler';
import { sessionMiddleware } from '../../src/lib/http/session';
import { viewHelpers } from '../../src/lib/http/view-helpers';
import { useViews } from '../../src/lib/http/views';
import { siteLocals } from '../../src/site/site.locals';
import { buildTestApp } from '../helpers/app';
import { clearDatabase, useTestDatabase } from '../helpers/db';
import { csrfFrom, Respondent } from '../helpers/respondent';
import { captureMailer } from '../helpers/app';
import { loginAs, type SignedIn } from '../helpers/auth';
import {
  backOfficeObjects,
  changed,
  objectParams,
  privateLinks,
  snapshot,
  valueParams,
  type Objects,
  type PrivateLinks,
} from '../helpers/objects';
import { fillPath, routeTable } from '../helpers/routes';

// Every form of the app refuses a post that does not carry its page's token: the mechanics on a
// small app first, then every POST route the app serves, read from its route table.

jest.setTimeout(120_000);
useTestDatabase();

/** A back-office-like app: sessions, a login that creates one, and a form behind CSRF. */
function backOffice() {
  const config = loadConfig({ NODE_ENV: 'test' });
  const app = express();
  setCsrfSecret(app, config.sessionSecret);
  useViews(app, { cache: false });
  Object.assign(app.locals, viewHelpers);
  app.use(siteLocals(config));
  app.use(express.urlencoded({ extended: false }));
  app.use(sessionMiddleware(config), csrfProtection);
  app.get('/formulaire', (_req, res) => {
    res.send(`<input type="hidden" name="_csrf" value="${String(res.locals.csrfToken)}">`);
  });
  app.post('/connexion', (req, res) => {
    (req.session as unknown as Record<string, unknown>).user = 'moderatrice';
    res.redirect(303, '/formulaire');
  });
  app.post('/action', (_req, res) => {
    res.send('fait');
  });
  app.use(errorHandler(false));
  return app;
}

function cookieOf(res: request.Response, name: string): string {
  const all = (res.headers['set-cookie'] as unknown as string[] | undefined) ?? [];
  const found = all.find((c) => c.startsWith(`${name}=`));
  if (!found) throw new Error(`no ${name} cookie set`);
  return found.split(';')[0];
}

async function tokenOf(agent: ReturnType<typeof request.agent>) {
  return csrfFrom((await agent.get('/formulaire')).text);
}

describe('CSRF protection', () => {
  afterEach(clearDatabase);

  it('when a form is posted with the token of its page, then it is accepted (body or header)', async () => {
    const agent = request.agent(backOffice());
    const token = await tokenOf(agent);
    expect((await agent.post('/action').type('form').send({ _csrf: token })).text).toBe('fait');
    const viaHeader = await agent.post('/action').set('x-csrf-token', token);
    expect(viaHeader.status).toBe(200);
  });

  it('when a form is posted without a token, with a forged one or from another browser, then a French 403', async () => {
    const app = backOffice();
    const alice = request.agent(app);
    const bob = request.agent(app);
    const aliceToken = await tokenOf(alice);
    await tokenOf(bob);
    for (const res of [
      await alice.post('/action').type('form').send({}),
      await alice.post('/action').type('form').send({ _csrf: 'faux.jeton' }),
      await alice
        .post('/action')
        .type('form')
        .send({ _csrf: [aliceToken, aliceToken] }),
      await bob.post('/action').type('form').send({ _csrf: aliceToken }),
      await request(app).post('/action').type('form').send({ _csrf: aliceToken }),
    ]) {
      expect(res.status).toBe(403);
      expect(res.text).toContain('Accès refusé');
    }
  });

  it('when the token is only in the query string of a plain form, then it is refused', async () => {
    const agent = request.agent(backOffice());
    const token = await tokenOf(agent);
    const res = await agent
      .post(`/action?_csrf=${encodeURIComponent(token)}`)
      .type('form')
      .send({});
    expect(res.status).toBe(403);
  });

  it('when a session exists, then tokens are bound to it: the same cookie and token fail in another session', async () => {
    const app = backOffice();
    /** Logs in with explicit cookies; returns the CSRF cookie, the session cookie and a fresh token. */
    const login = async () => {
      const form = await request(app).get('/formulaire');
      const csrfCookie = cookieOf(form, 'bp.csrf');
      const done = await request(app)
        .post('/connexion')
        .set('Cookie', csrfCookie)
        .type('form')
        .send({ _csrf: csrfFrom(form.text) });
      const session = cookieOf(done, 'bp.sid');
      const page = await request(app).get('/formulaire').set('Cookie', `${csrfCookie}; ${session}`);
      return { csrfCookie, session, token: csrfFrom(page.text) };
    };
    const alice = await login();
    const mallory = await login();
    const post = (cookies: string, token: string) =>
      request(app).post('/action').set('Cookie', cookies).type('form').send({ _csrf: token });

    expect((await post(`${alice.csrfCookie}; ${alice.session}`, alice.token)).status).toBe(200);
    expect((await post(`${alice.csrfCookie}; ${mallory.session}`, alice.token)).status).toBe(403);
    expect((await post(alice.csrfCookie, alice.token)).status).toBe(403);
  });

  it('when the app runs in production behind its proxy, then the CSRF cookie is Secure, HttpOnly and host-only', async () => {
    const { app } = buildTestApp({
      ...productionEnv,
      TRUST_PROXY: 'true',
    });
    const agent = request.agent(app);
    const intro = await agent.get('/questionnaire').set('X-Forwarded-Proto', 'https');
    const cookie = String(intro.headers['set-cookie']);
    expect(cookie).toMatch(/^__Host-bp\.csrf=[^;]+; Path=\/; HttpOnly; Secure; SameSite=Lax$/);
    const started = await request(app)
      .post('/questionnaire/commencer')
      .set('X-Forwarded-Proto', 'https')
      .set('Cookie', cookie.split(';')[0])
      .type('form')
      .send({ _csrf: csrfFrom(intro.text) });
    expect(started.status).toBe(303);
  });

  it('when the questionnaire is started from the intro page, then it needs the CSRF cookie of that page', async () => {
    const { app } = buildTestApp();
    const respondent = new Respondent(app);
    expect((await respondent.start()).status).toBe(303);
    const intro = await request(app).get('/questionnaire');
    const withoutCookie = await request(app)
      .post('/questionnaire/commencer')
      .type('form')
      .send({ _csrf: csrfFrom(intro.text) });
    expect(withoutCookie.status).toBe(403);
  });
});

describe('every POST route of the app', () => {
  const mailer = captureMailer();
  const { app } = buildTestApp({}, { mailer });
  let admin: SignedIn;
  let objects: Objects;
  let links: PrivateLinks;
  beforeAll(async () => {
    await clearDatabase();
    admin = await loginAs(app, { role: 'admin' });
    objects = await backOfficeObjects(app);
    links = await privateLinks(app, mailer, admin);
  });

  /** Each parameter filled with an object the admin (or the link's holder) may act on. */
  const path = (pattern: string) =>
    fillPath(pattern, (before, name) => {
      if (pattern.startsWith('/rencontres/:slug/inscription/:token')) {
        return name === 'slug' ? links.registration.slug : links.registration.token;
      }
      if (pattern.startsWith('/questionnaire/reprendre/:token/fiches')) {
        return name === 'token' ? links.sentResume : links.preparedSheet;
      }
      if (pattern.startsWith('/questionnaire/reprendre/:token')) {
        return name === 'token' ? links.resume : 'repondant';
      }
      if (pattern === '/fiches/validation/:token') return links.approval;
      if (pattern === '/mot-de-passe/nouveau/:token') return links.password;
      const object = objectParams[`${before}/:${name}`];
      if (object) return object(objects);
      if (before === 'rencontres' && name === 'slug') return objects.ownMeeting;
      return valueParams[`${before}/:${name}`] ?? 'x';
    });

  it('when any form is posted without its token, with a forged one, another browser’s, or in the query string, then 403 in French and nothing is stored', async () => {
    const posts = routeTable(app).filter((r) => r.method === 'POST');
    expect(posts.length).toBeGreaterThan(50);
    const other = request.agent(app);
    const othersToken = csrfFrom((await other.get('/questionnaire')).text);
    const answers: Record<string, number[]> = {};
    for (const route of posts) {
      const url = path(route.path);
      const agent = route.path.startsWith('/moderation') ? admin.agent : request.agent(app);
      await agent.get(
        route.path.startsWith('/moderation') ? '/moderation/compte' : '/questionnaire',
      );
      const before = await snapshot();
      for (const attempt of [
        () => agent.post(url).type('form').send({ a: 'b' }),
        () => agent.post(url).type('form').send({ _csrf: 'faux.jeton' }),
        () => agent.post(url).type('form').send({ _csrf: othersToken }),
        () =>
          agent
            .post(`${url}?_csrf=${encodeURIComponent(othersToken)}`)
            .type('form')
            .send({}),
      ]) {
        const res = await attempt();
        (answers[`${route.method} ${url}`] ??= []).push(res.status);
        if (res.status === 403) expect(res.text).toContain('Accès refusé');
      }
      expect({ url, changed: changed(before, await snapshot()) }).toEqual({ url, changed: [] });
    }
    const notRefused = Object.entries(answers).filter(([, s]) => s.some((x) => x !== 403));
    expect(notRefused).toEqual([]);
  });
});
