import express from 'express';
import mongoose from 'mongoose';
import request from 'supertest';
import { loadConfig } from '../../src/lib/config';
import { sessionMiddleware } from '../../src/lib/http/session';
import { buildTestApp } from '../helpers/app';
import { clearDatabase, useTestDatabase } from '../helpers/db';
import { Respondent, validAnswers } from '../helpers/respondent';
import { createHmac } from 'node:crypto';
import { AuditEventModel } from '../../src/audit/audit.model';
import { createUser, sessionIdOf, sessions, submitLogin } from '../helpers/auth';

const { name } = useTestDatabase();
afterEach(clearDatabase);

/** Session documents in this file's database and in `test`, the driver's default database. */
async function sessionCounts() {
  const client = mongoose.connection.getClient();
  const count = (db: string) => client.db(db).collection('sessions').countDocuments();
  return { app: await count(name), test: await count('test') };
}

describe('sessions', () => {
  it('when a session is saved, then it lives in the app’s own database', async () => {
    const app = express();
    app.use(sessionMiddleware(loadConfig({ NODE_ENV: 'test' })));
    app.get('/connexion', (req, res) => {
      (req.session as unknown as Record<string, unknown>).user = 'moderatrice';
      res.send('ok');
    });
    const before = await sessionCounts();
    const res = await request(app).get('/connexion');
    expect(res.headers['set-cookie']?.[0]).toMatch(/^bp\.sid=/);
    const after = await sessionCounts();
    expect(after.app).toBe(before.app + 1);
    expect(after.test).toBe(before.test);
  });

  it('when the questionnaire is browsed 50 times without posting, then no session is written and no session cookie set', async () => {
    const { app } = buildTestApp();
    const respondent = new Respondent(app);
    await respondent.start();
    await respondent.save('repondant', validAnswers.repondant);
    const before = await sessionCounts();
    const cookies: string[] = [];
    for (let i = 0; i < 25; i++) {
      for (const res of [
        await request(app).get('/questionnaire'),
        await request(app).head('/questionnaire'),
        await request(app).get(respondent.path('/territoire')),
        await request(app).head(respondent.path('/repondant')),
      ]) {
        expect(res.status).toBe(200);
        cookies.push(...((res.headers['set-cookie'] as unknown as string[] | undefined) ?? []));
      }
    }
    expect(cookies.filter((c) => c.startsWith('bp.sid='))).toEqual([]);
    expect(await sessionCounts()).toEqual(before);
  });

  it('when a draft is started and saved, then no session is written either', async () => {
    const { app } = buildTestApp();
    const before = await sessionCounts();
    const respondent = new Respondent(app);
    expect((await respondent.start('camille@exemple.fr')).status).toBe(303);
    expect((await respondent.save('repondant', validAnswers.repondant)).status).toBe(303);
    expect(await sessionCounts()).toEqual(before);
  });
});

describe('session fixation', () => {
  const { app, config } = buildTestApp();
  const hour = 60 * 60_000;

  /** Stores an anonymous session and gives its signed cookie to the agent; returns its id. */
  async function plantSession(agent: ReturnType<typeof request.agent>): Promise<string> {
    const id = 'session-plantee-par-un-tiers';
    const expires = new Date(Date.now() + hour);
    await sessions().insertOne({
      _id: id,
      expires,
      session: JSON.stringify({
        cookie: { originalMaxAge: hour, expires, httpOnly: true, path: '/' },
      }),
    } as never);
    // express-session's signed cookie: `s:<id>.<base64 HMAC-SHA256 without padding>`.
    const mac = createHmac('sha256', config.sessionSecret).update(id).digest('base64');
    const value = encodeURIComponent(`s:${id}.${mac.replace(/=+$/, '')}`);
    agent.jar.setCookie(`bp.sid=${value}; Path=/`, '127.0.0.1', '/');
    expect(sessionIdOf(agent)).toBe(id);
    return id;
  }

  it('when a moderator gives the right password, then the inbox is next, in a new session that replaces any planted one, and the success is logged', async () => {
    const user = await createUser({ role: 'moderator' });
    const agent = request.agent(app);
    // Session fixation: a session id known to someone else is in the browser before the login.
    const planted = await plantSession(agent);
    const res = await submitLogin(agent, `  ${user.email.toUpperCase()} `, user.password);
    expect(res.status).toBe(303);
    expect(res.headers.location).toBe('/moderation');
    const after = sessionIdOf(agent);
    expect(after).toBeDefined();
    expect(after).not.toBe(planted);
    expect(await sessions().countDocuments({ _id: planted })).toBe(0);
    expect(await sessions().countDocuments({ _id: after! })).toBe(1);
    const account = await agent.get('/moderation/compte');
    expect(account.status).toBe(200);
    expect(account.text).toContain(user.email);
    expect(account.headers['cache-control']).toBe('no-store');
    const events = await AuditEventModel.find({ action: 'login.success' }).lean();
    expect(events.map((e) => e.actor?.email)).toEqual([user.email]);
    expect(events[0].ip).toMatch(/127\.0\.0\.1/);
  });
});
