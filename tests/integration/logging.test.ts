import { Writable } from 'node:stream';
import request from 'supertest';
import { createApp } from '../../src/app';
import { loadConfig } from '../../src/config';
import { createLogger } from '../../src/lib/logger';
import { clearDatabase, useTestDatabase } from '../helpers/db';
import { multipartActionFrom, Respondent, validAnswers } from '../helpers/respondent';
import { samplePdf } from '../helpers/files';

useTestDatabase();
afterEach(clearDatabase);

/** The real app, its access logs written into `lines`. */
function appWithCapturedLogs() {
  const lines: string[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(chunk.toString());
      done();
    },
  });
  const config = loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'info' });
  return { app: createApp({ config, logger: createLogger('info', sink) }), lines };
}

describe('access logs', () => {
  it('when resume links are requested in any case or encoding, then their token never reaches the logs', async () => {
    const { app, lines } = appWithCapturedLogs();
    const respondent = new Respondent(app);
    await respondent.start();
    await respondent.save('repondant', validAnswers.repondant);
    const token = respondent.token;
    const documents = await respondent.agent.get(respondent.path('/documents-consentement'));
    await respondent.agent
      .post(multipartActionFrom(documents.text))
      .field('action', 'televerser')
      .attach('fichiers', samplePdf, 'bilan.pdf');
    for (const path of [
      `/questionnaire/REPRENDRE/${token}`,
      `/questionnaire/Reprendre/${token}/repondant`,
      `/QUESTIONNAIRE/reprendre/${token}/verification`,
      `/questionnaire/%72eprendre/${token}`,
      `/questionnaire/reprendre/${token}/fichiers/000000000000000000000000`,
      `/questionnaire/reprendre//${token}`,
    ]) {
      await request(app).get(path);
    }
    const log = lines.join('');
    expect(log).toContain('"url":"/questionnaire/reprendre/[jeton]/repondant"');
    expect(lines.length).toBeGreaterThan(10);
    expect(log).not.toContain(token);
    expect(log).not.toContain(token.slice(0, 20));
    // The CSRF token carried by the multipart form's URL is not logged either.
    expect(log).not.toMatch(/_csrf=(?!\[jeton\])/);
  });

  it('when a resume link is written in capitals, then it is not served', async () => {
    const { app } = appWithCapturedLogs();
    const respondent = new Respondent(app);
    await respondent.start();
    expect((await request(app).get(respondent.path())).status).toBe(200);
    const upper = await request(app).get(`/questionnaire/REPRENDRE/${respondent.token}`);
    expect(upper.status).toBe(404);
  });
});
