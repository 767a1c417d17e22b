import express from 'express';
import mongoose from 'mongoose';
import request from 'supertest';
import { loadConfig } from '../../src/config';
import { sessionMiddleware } from '../../src/lib/http/session';
import { buildTestApp } from '../helpers/app';
import { clearDatabase, useTestDatabase } from '../helpers/db';
import { Respondent, validAnswers } from '../helpers/respondent';

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
