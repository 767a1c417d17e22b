import fs from 'node:fs';
import mongoose from 'mongoose';
import request from 'supertest';
import { sections } from '../../src/questionnaire/questionnaire';
import { ResponseModel } from '../../src/questionnaire/response.model';
import { connectMongoose, startDatabase, type Database } from '../../src/lib/db';
import { buildTestApp } from '../helpers/app';
import { csrfFrom, Respondent, validAnswers } from '../helpers/respondent';

// Its own embedded server and app: killing the server shared by the other test files (started by
// globalSetup) would fail them.
jest.setTimeout(90_000);

const logged: Array<{ level: string; message: string }> = [];
const log = {
  info: () => undefined,
  warn: (message: string) => logged.push({ level: 'warn', message }),
  error: (message: string) => logged.push({ level: 'error', message }),
};

let db: Database;
// Development mode: an unexpected error's page carries its stack, which the assertion shows.
const { app } = buildTestApp({ NODE_ENV: 'development' });

beforeAll(async () => {
  db = await startDatabase({ embedded: 'ferretdb', log });
  await connectMongoose(db.uri, 'recovery');
});
afterAll(async () => {
  await mongoose.disconnect();
  await db?.stop();
});

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** A sent response: each later save that changes the name is kept as a revision. */
async function sentResponse(): Promise<Respondent> {
  const respondent = new Respondent(app);
  await respondent.start();
  for (const section of sections) await respondent.save(section.slug, validAnswers[section.slug]);
  expect((await respondent.submit()).status).toBe(303);
  return respondent;
}

describe('embedded database crash', () => {
  it('when FerretDB is killed during saves, then pages answer 503, it is restarted, the app recovers by itself and every acknowledged save is kept', async () => {
    const respondent = await sentResponse();
    const acknowledged: string[] = [];
    const statuses = new Set<number>();
    const unexpected: string[] = [];
    // Opens the page and posts it, as a person would; whichever fails gives the status.
    const save = async (name: string) => {
      const page = await respondent.agent.get(respondent.path('/repondant'));
      const res =
        page.status === 200
          ? await respondent.agent
              .post(respondent.path('/repondant'))
              .type('form')
              .send({
                ...validAnswers.repondant,
                nomRepondant: name,
                _csrf: csrfFrom(page.text),
                action: 'continuer',
              })
          : page;
      statuses.add(res.status);
      if (res.status === 303) acknowledged.push(name);
      if (res.status >= 500 && res.status !== 503) {
        unexpected.push(
          /<pre[^>]*>([\s\S]*?)<\/pre>/.exec(res.text)?.[1] ?? res.text.slice(0, 500),
        );
      }
      return res;
    };

    for (let i = 0; i < 5; i++) await save(`Avant ${i}`);
    const firstPid = db.pid!()!;
    process.kill(firstPid, 'SIGKILL');

    // A short outage is absorbed (the driver waits up to 3 s for the server): keep killing each
    // restarted server, so the launcher waits longer each time, until the app has answered 503
    // to a save and to the readiness probe. Then it must recover within 30 s.
    const killed = new Set([firstPid]);
    let killing = true;
    const killer = (async () => {
      while (killing) {
        const pid = db.pid!();
        if (pid && !killed.has(pid)) {
          killed.add(pid);
          process.kill(pid, 'SIGKILL');
        }
        await sleep(20);
      }
    })();

    let unavailablePage = '';
    let readinessWhileDown = 0;
    let recovered = 0;
    let deadline = Date.now() + 30_000;
    for (let i = 0; recovered < 3 && Date.now() < deadline; i++) {
      const res = await save(`Pendant ${i}`);
      if (res.status === 503 && killing) {
        unavailablePage = res.text;
        readinessWhileDown = (await request(app).get('/readyz')).status;
        if (readinessWhileDown === 503) {
          killing = false;
          deadline = Date.now() + 30_000;
        }
      } else if (res.status === 303 && !killing) recovered++;
      else await sleep(100);
    }
    killing = false;
    await killer;

    expect({ statuses: [...statuses].sort(), unexpected }).toEqual({
      statuses: [303, 503],
      unexpected: [],
    });
    expect(unavailablePage).toContain('Service momentanément indisponible');
    expect(readinessWhileDown).toBe(503);
    expect(recovered).toBe(3);
    expect((await request(app).get('/readyz')).status).toBe(200);

    expect(killed.has(db.pid!()!)).toBe(false);
    expect(logged).toContainEqual({
      level: 'error',
      message: expect.stringMatching(/FerretDB s’est arrêté \(signal SIGKILL\) : redémarrage/),
    });
    // The launcher's own readiness check may answer a little after the app's first success.
    const restartLogged = () =>
      logged.some((l) => l.level === 'warn' && /redémarré/.test(l.message));
    for (let i = 0; i < 100 && !restartLogged(); i++) await sleep(100);
    expect(logged).toContainEqual({ level: 'warn', message: expect.stringContaining('redémarré') });

    const stored = await ResponseModel.findOne({}).lean();
    const names = stored!.revisions.flatMap((r) => r.changes.map((c) => c.after));
    expect(acknowledged.filter((name) => !names.includes(name))).toEqual([]);
  });

  it('when FerretDB is frozen (SIGSTOP), then a page answers 503 instead of hanging, and 200 once it runs again', async () => {
    const pid = db.pid!()!;
    process.kill(pid, 'SIGSTOP');
    // A signal is delivered asynchronously: wait until the kernel shows the process stopped.
    const state = () => fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1][0];
    for (let i = 0; i < 100 && state() !== 'T'; i++) await sleep(10);
    expect(state()).toBe('T');
    try {
      const frozen = await request(app).get('/readyz');
      const page = await request(app).get('/rencontres');
      expect([frozen.status, page.status]).toEqual([503, 503]);
      expect(page.text).toContain('Service momentanément indisponible');
    } finally {
      process.kill(pid, 'SIGCONT');
    }
    // The driver reconnects at its own pace; on a loaded machine that can take several seconds.
    let status = 0;
    const until = Date.now() + 30_000;
    while (status !== 200 && Date.now() < until) {
      status = (await request(app).get('/rencontres')).status;
      if (status !== 200) await sleep(200);
    }
    expect(status).toBe(200);
    expect(db.pid!()).toBe(pid);
  });
});
