import { Writable } from 'node:stream';
import mongoose from 'mongoose';
import request from 'supertest';
import { createApp, migrations, privateLinkRoutes } from '../../src/app';
import { AuditEventModel } from '../../src/audit/audit.model';
import { loadConfig } from '../../src/lib/config';
import { runMigrations } from '../../src/lib/migrations';
import { createLogger } from '../../src/lib/logger';
import { captureMailer } from '../helpers/app';
import { createUser, loginAs, submitLogin } from '../helpers/auth';
import { clearDatabase, useTestDatabase } from '../helpers/db';
import { csrfFrom } from '../helpers/respondent';
import { fillPath, paramsOf, routeTable } from '../helpers/routes';
import { insertSentResponse } from '../helpers/sheets';

// Private links (resume, approval, password, registration) are secrets: whoever reads the logs
// must not be able to use them. What a person types in the login form is not kept either.

useTestDatabase();
afterEach(clearDatabase);

/** The real app, its logs written into `lines` (access logs at info). */
function appWithCapturedLogs() {
  const lines: string[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(chunk.toString());
      done();
    },
  });
  const mailer = captureMailer();
  const config = loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'info' });
  const app = createApp({ config, logger: createLogger('info', sink), mailer });
  return { app, mailer, log: () => lines.join('') };
}

/** The ways one path may be spelled and still be routed (or nearly): each must be redacted. */
function spellings(path: string): string[] {
  const words = path.split('/');
  return [
    path,
    path.toUpperCase(),
    words
      .map((w, i) =>
        i === words.length - 2 ? w.replace(/^./, (c) => `%${c.charCodeAt(0).toString(16)}`) : w,
      )
      .join('/'),
    path.replace(/\/([^/]+)$/, '//$1'),
    `${path}?x=1`,
  ];
}

describe('private links in the logs', () => {
  it('when the app is read, then every route whose path carries a token is a declared private link', () => {
    const { app } = appWithCapturedLogs();
    const tokenRoutes = routeTable(app).filter((r) =>
      paramsOf(r.path).some((p) => /token/i.test(p.name)),
    );
    expect(tokenRoutes.length).toBeGreaterThan(10);
    const undeclared = tokenRoutes.filter(
      (r) =>
        !paramsOf(r.path).some((p) => p.name === 'token') ||
        !privateLinkRoutes.some((link) => r.path.startsWith(link)),
    );
    expect(undeclared).toEqual([]);
  });

  it('when every token route is requested, spelled every way, then no token reaches the logs', async () => {
    const { app, log } = appWithCapturedLogs();
    const tokenRoutes = routeTable(app).filter((r) =>
      paramsOf(r.path).some((p) => p.name === 'token'),
    );
    const tokens: string[] = [];
    for (const [i, route] of tokenRoutes.entries()) {
      const token = `JetonSecret${i}x${'a'.repeat(30)}`;
      tokens.push(token);
      const path = fillPath(route.path, (_before, name) =>
        name === 'token' ? token : name === 'slug' ? 'une-rencontre' : 'abc',
      );
      for (const url of spellings(path)) {
        if (route.method === 'GET') await request(app).get(url);
        else await request(app).post(url).type('form').send({ a: 'b' });
      }
    }
    const written = log();
    expect(written).toContain('[jeton]');
    expect(tokens.filter((t) => written.includes(t) || written.includes(t.slice(0, 16)))).toEqual(
      [],
    );
  });

  it('when an author opens and answers the e-mailed approval link, then the log shows the route but never the token', async () => {
    const { app, mailer, log } = appWithCapturedLogs();
    const mod = await loginAs(app);
    const response = await insertSentResponse();
    const prepared = await mod.agent
      .post(`/moderation/reponses/${response.id}/fiche`)
      .type('form')
      .send({ _csrf: await mod.csrf() });
    const sheetId = prepared.headers.location.split('/').pop()!;
    const asked = await mod.agent
      .post(`/moderation/fiches/${sheetId}/validation`)
      .type('form')
      .send({ _csrf: await mod.csrf(`/moderation/fiches/${sheetId}`), revision: '0' });
    expect(asked.status).toBe(303);
    const link = mailer.linkTo('camille.martin@exemple.fr');
    const token = link.split('/').pop()!;
    const agent = request.agent(app);
    const page = await agent.get(link);
    expect(page.status).toBe(200);
    const answered = await agent
      .post(link)
      .type('form')
      .send({ _csrf: csrfFrom(page.text), decision: 'valider', revision: '0' });
    expect(answered.status).toBe(303);
    expect(log()).toContain('"url":"/fiches/validation/[jeton]"');
    expect(log()).not.toContain(token);
    expect(log()).not.toContain(response.token);
  });
});

describe('what is typed at login', () => {
  it('when a password is typed in the e-mail field, then the journal keeps no trace of it, whoever the account', async () => {
    const { app } = appWithCapturedLogs();
    const user = await createUser();
    const typed = 'Mon-Mot-De-Passe-Secret-2026';
    await submitLogin(request.agent(app), typed, 'nimporte quoi');
    await submitLogin(request.agent(app), `${typed}@exemple.fr`, 'nimporte quoi');
    await submitLogin(request.agent(app), user.email, typed);
    const events = await AuditEventModel.find({ action: 'login.failure' }).lean();
    expect(events).toHaveLength(3);
    expect(JSON.stringify(events)).not.toContain(typed);
    expect(events.map((e) => e.actor?.email ?? null)).toEqual([null, null, user.email]);
  });

  it('when journal entries of an older version kept typed text, then the start-up migration removes it once and keeps the rest', async () => {
    const typed = 'Mon-Mot-De-Passe-Secret-2026';
    await AuditEventModel.collection.insertMany([
      {
        at: new Date(),
        actor: null,
        action: 'login.failure',
        details: { email: typed, reason: 'unknown' },
        target: null,
        ip: '1.2.3.4',
      },
      {
        at: new Date(),
        actor: null,
        action: 'import.done',
        details: { email: 'garde@exemple.fr' },
        target: null,
        ip: null,
      },
    ]);
    const done = await runMigrations(migrations);
    expect(done).toContainEqual(['2026-12-07-login-failures-forget-typed-text', 1]);
    const failure = await AuditEventModel.findOne({ action: 'login.failure' }).lean();
    expect(failure?.details).toEqual({ reason: 'unknown' });
    expect(failure?.ip).toBe('1.2.3.4');
    const other = await AuditEventModel.findOne({ action: 'import.done' }).lean();
    expect(other?.details).toEqual({ email: 'garde@exemple.fr' });
    expect(await runMigrations(migrations)).toEqual([]);
    expect(
      await mongoose.connection
        .collection('migrations')
        .countDocuments({ doneAt: { $exists: true } }),
    ).toBe(migrations.length);
  });
});
