import { Writable } from 'node:stream';
import request from 'supertest';
import { createApp } from '../../src/app';
import { loadConfig } from '../../src/lib/config';
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

  it('when a public page is served again from the page cache, then it has the same security headers, its own request id and its log line', async () => {
    const { app, lines } = appWithCapturedLogs();
    const first = await request(app).get('/recueil');
    const again = await request(app).get('/recueil').set('Accept-Encoding', 'gzip');
    const notModified = await request(app).get('/recueil').set('If-None-Match', first.headers.etag);
    expect([first.status, again.status, notModified.status]).toEqual([200, 200, 304]);
    for (const res of [again, notModified]) {
      for (const header of ['content-security-policy', 'x-frame-options', 'referrer-policy'])
        expect(res.headers[header]).toBe(first.headers[header]);
      expect(res.headers.etag).toBe(first.headers.etag);
      expect(res.headers['set-cookie']).toBeUndefined();
    }
    expect(again.headers['content-encoding']).toBe('gzip');
    expect(again.text).toBe(first.text);
    const ids = [first, again, notModified].map((res) => res.headers['x-request-id']);
    expect(new Set(ids).size).toBe(3);
    const logged = lines.map(
      (line) =>
        JSON.parse(line) as { req: { id: string; url: string }; res: { statusCode: number } },
    );
    expect(logged.map((l) => [l.req.id, l.req.url, l.res.statusCode])).toEqual([
      [ids[0], '/recueil', 200],
      [ids[1], '/recueil', 200],
      [ids[2], '/recueil', 304],
    ]);
  });

  it('when a resume link is written in capitals, then it is not served', async () => {
    const { app } = appWithCapturedLogs();
    const respondent = new Respondent(app);
    await respondent.start();
    expect((await request(app).get(respondent.path())).status).toBe(200);
    const upper = await request(app).get(`/questionnaire/REPRENDRE/${respondent.token}`);
    expect(upper.status).toBe(404);
  });

  it('when a URL holds quotes, backslashes and accents, then its line is still one JSON object with that URL, at the level its status calls for', async () => {
    const { app, lines } = appWithCapturedLogs();
    const path = '/recueil/%22%5C%0Aé"\\x';
    const res = await request(app).get(path);
    expect(res.status).toBe(404);
    expect(lines.join('').split('\n').filter(Boolean)).toHaveLength(1);
    const line = JSON.parse(lines[0]) as Record<string, unknown>;
    expect(line).toEqual({
      level: 40,
      time: expect.any(Number),
      req: { id: res.headers['x-request-id'], method: 'GET', url: expect.any(String) },
      res: { statusCode: 404 },
      responseTime: expect.any(Number),
      msg: 'request completed',
    });
    expect((line.req as { url: string }).url).toContain('%22%5C%0A');
    expect(Math.abs((line.time as number) - Date.now())).toBeLessThan(60_000);
  });
});
