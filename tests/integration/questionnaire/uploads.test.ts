import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { gzipSync } from 'node:zlib';
import mongoose from 'mongoose';
import request from 'supertest';
import { ResponseModel } from '../../../src/questionnaire/response.model';
import { buildTestApp } from '../../helpers/app';
import { clearDatabase, useTestDatabase } from '../../helpers/db';
import { sampleJpeg, samplePdf } from '../../helpers/files';
import { csrfFrom, multipartActionFrom, Respondent, validAnswers } from '../../helpers/respondent';

useTestDatabase();

// Development mode: a stack trace would be shown there if an error escaped as a 500.
const { app } = buildTestApp({ NODE_ENV: 'development' });
const slug = 'documents-consentement';
const mb = 1024 * 1024;
let server: http.Server;
let port: number;

beforeAll(async () => {
  server = app.listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  port = (server.address() as AddressInfo).port;
});
afterAll(() => new Promise((resolve) => server.close(resolve)));

let respondent: Respondent;
beforeEach(async () => {
  await clearDatabase();
  respondent = new Respondent(app);
  await respondent.start();
});

const gridFs = (collection: 'files' | 'chunks') =>
  mongoose.connection.db!.collection(`attachments.${collection}`).countDocuments();

/** What the browser holds after opening a page: its CSRF cookie, token and multipart action. */
async function openPage(path: string) {
  const res = await fetch(`http://127.0.0.1:${port}${path}`);
  const html = await res.text();
  const cookie = (res.headers.get('set-cookie') ?? '').split(';')[0];
  const multipart = /enctype="multipart\/form-data"/.test(html);
  return { cookie, csrf: csrfFrom(html), action: multipart ? multipartActionFrom(html) : path };
}

const boundary = '----formulaire-de-test';
function part(name: string, value: string | Buffer, filename?: string): Buffer {
  const disposition = `form-data; name="${name}"${filename ? `; filename="${filename}"` : ''}`;
  const type = filename ? 'Content-Type: application/octet-stream\r\n' : '';
  return Buffer.concat([
    Buffer.from(`--${boundary}\r\nContent-Disposition: ${disposition}\r\n${type}\r\n`),
    Buffer.from(value),
    Buffer.from('\r\n'),
  ]);
}
const closing = Buffer.from(`--${boundary}--\r\n`);

/**
 * Sends the headers and the first bytes of a body announced as `total` bytes long, and waits for
 * the server's answer while the rest is still unsent. `finish` sends the rest later, if asked.
 */
function sendPartially(
  path: string,
  headers: http.OutgoingHttpHeaders,
  first: Buffer,
  total: number,
) {
  const req = http.request({
    host: '127.0.0.1',
    port,
    path,
    method: 'POST',
    headers: { ...headers, 'content-length': total },
  });
  req.on('error', () => undefined);
  req.write(first);
  const answer = new Promise<{ status: number; text: string }>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error('no answer while the body was still being sent')),
      5000,
    );
    req.on('response', (res) => {
      clearTimeout(timer);
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () =>
        resolve({ status: res.statusCode!, text: Buffer.concat(chunks).toString() }),
      );
    });
  });
  return { req, answer };
}

describe('uploads: guards before the body is read', () => {
  const body = Buffer.concat([
    part('consentementDonnees', 'oui'),
    part('fichiers', Buffer.concat([samplePdf, Buffer.alloc(mb)]), 'a.pdf'),
  ]);
  const multipart = { 'content-type': `multipart/form-data; boundary=${boundary}` };

  it('when a multipart body is sent to an unknown resume link, then 404 before the body is read', async () => {
    const { req, answer } = sendPartially(
      `/questionnaire/reprendre/${'A'.repeat(43)}/${slug}`,
      multipart,
      body.subarray(0, 1024),
      body.length + 50 * mb,
    );
    const res = await answer;
    req.destroy();
    expect(res.status).toBe(404);
    expect(await gridFs('chunks')).toBe(0);
  });

  it('when a multipart body comes without a valid CSRF token, then 403 before the body is read', async () => {
    const page = await openPage(respondent.path(`/${slug}`));
    for (const path of [respondent.path(`/${slug}`), respondent.path(`/${slug}?_csrf=faux`)]) {
      const { req, answer } = sendPartially(
        path,
        { ...multipart, cookie: page.cookie },
        body.subarray(0, 1024),
        body.length + 50 * mb,
      );
      const res = await answer;
      req.destroy();
      expect(res.status).toBe(403);
      expect(res.text).toContain('Accès refusé');
    }
    expect(await gridFs('chunks')).toBe(0);
  });

  it('when a file is uploaded, then it is streamed into GridFS while it arrives, not held in memory', async () => {
    const page = await openPage(respondent.path(`/${slug}`));
    const big = Buffer.concat([samplePdf, Buffer.alloc(4 * mb, 0x20)]);
    const full = Buffer.concat([
      part('_csrf', page.csrf),
      part('consentementDonnees', 'oui'),
      part('action', 'televerser'),
      part('fichiers', big, 'gros.pdf'),
      closing,
    ]);
    const cut = full.length - 1024 * 1024; // the last megabyte is held back
    const { req, answer } = sendPartially(
      page.action,
      { ...multipart, cookie: page.cookie },
      full.subarray(0, cut),
      full.length,
    );
    let chunks = 0;
    for (let i = 0; i < 100 && chunks === 0; i++) {
      await new Promise((resolve) => setTimeout(resolve, 50));
      chunks = await gridFs('chunks');
    }
    expect(chunks).toBeGreaterThan(0);
    req.end(full.subarray(cut));
    const res = await answer;
    expect(res.status).toBe(303);
    const stored = (await ResponseModel.findOne({}).lean())!;
    expect(stored.attachments.map((a) => [a.filename, a.size])).toEqual([['gros.pdf', big.length]]);
  });
});

describe('uploads: bad multipart bodies', () => {
  async function post(headers: Record<string, string>, body: Buffer) {
    const page = await openPage(respondent.path(`/${slug}`));
    return request(server)
      .post(page.action)
      .set({ cookie: page.cookie, ...headers })
      .send(body);
  }
  const valid = Buffer.concat([
    part('consentementDonnees', 'oui'),
    part('fichiers', samplePdf, 'a.pdf'),
    closing,
  ]);

  it.each<[string, Record<string, string>, Buffer]>([
    ['no boundary', { 'content-type': 'multipart/form-data' }, valid],
    ['another boundary', { 'content-type': 'multipart/form-data; boundary=autre' }, valid],
    [
      'a truncated body',
      { 'content-type': `multipart/form-data; boundary=${boundary}` },
      valid.subarray(0, valid.length - 60),
    ],
    [
      'an empty body',
      { 'content-type': `multipart/form-data; boundary=${boundary}` },
      Buffer.alloc(0),
    ],
    [
      'a gzip-encoded body',
      { 'content-type': `multipart/form-data; boundary=${boundary}`, 'content-encoding': 'gzip' },
      gzipSync(valid),
    ],
    [
      'a malformed part header',
      { 'content-type': `multipart/form-data; boundary=${boundary}` },
      Buffer.from(`--${boundary}\r\nnimporte quoi\r\n\r\nx\r\n--${boundary}--\r\n`),
    ],
  ])(
    'when the body has %s, then a French 400 page, no stack, nothing stored',
    async (_name, headers, body) => {
      const res = await post(headers, body);
      expect(res.status).toBe(400);
      expect(res.text).toContain('Requête invalide');
      expect(res.text).not.toMatch(/\n\s+at /);
      expect(await gridFs('files')).toBe(0);
      expect((await ResponseModel.findOne({}).lean())!.attachments).toEqual([]);
    },
  );

  it('when files are posted to a step without documents, then 400 and nothing is stored', async () => {
    const page = await openPage(respondent.path('/repondant'));
    const res = await request(server)
      .post(`${respondent.path('/repondant')}?_csrf=${encodeURIComponent(page.csrf)}`)
      .set('Cookie', page.cookie)
      .field('_csrf', page.csrf)
      .field('nomRepondant', 'Camille Martin')
      .attach('fichiers', samplePdf, 'cache.pdf');
    expect(res.status).toBe(400);
    expect(res.text).toContain('n’accepte pas de fichiers');
    expect(await gridFs('files')).toBe(0);
    const stored = (await ResponseModel.findOne({}).lean())!;
    expect(stored.attachments).toEqual([]);
    expect(stored.answers).toEqual({});
  });
});

describe('uploads: file names', () => {
  it('when a file name has accents, then it is kept as typed (UTF-8)', async () => {
    const res = await respondent.saveMultipart(slug, validAnswers[slug], [
      { buffer: samplePdf, filename: 'réunion été.pdf' },
    ]);
    expect(res.status).toBe(303);
    const stored = (await ResponseModel.findOne({}).lean())!;
    expect(stored.attachments[0].filename).toBe('réunion été.pdf');
  });

  it('when a file name hides control characters or bidi overrides, then they are removed', async () => {
    const res = await respondent.saveMultipart(slug, validAnswers[slug], [
      // A browser escapes a line break in a name as %0A (multer decodes it back).
      { buffer: samplePdf, filename: 'facture\u202Egpj.exe\u2066%0A.pdf' },
    ]);
    expect(res.status).toBe(303);
    const stored = (await ResponseModel.findOne({}).lean())!;
    expect(stored.attachments[0].filename).toBe('facturegpj.exe.pdf');
  });
});

describe('uploads: the « files added » notice', () => {
  it.each(['-5', '0', 'abc', '1e9', '99', '2.5'])(
    'when ?ajoutes=%s does not match the files of the response, then no impossible count is shown',
    async (value) => {
      await respondent.saveMultipart(slug, validAnswers[slug], [
        { buffer: samplePdf, filename: 'a.pdf' },
        { buffer: sampleJpeg, filename: 'b.jpg' },
      ]);
      const res = await respondent.agent.get(respondent.path(`/${slug}?ajoutes=${value}`));
      expect(res.status).toBe(200);
      // Each count the page states (the ids in its links may hold any digits): at most the two
      // files the response has.
      const counts = [...res.text.matchAll(/([^\s>]+) fichiers? ajoutés?/g)].map((m) => m[1]);
      expect(counts.every((n) => n === '1' || n === '2')).toBe(true);
    },
  );

  it('when two files were just added, then the notice says so', async () => {
    const res = await respondent.saveMultipart(slug, validAnswers[slug], [
      { buffer: samplePdf, filename: 'a.pdf' },
      { buffer: sampleJpeg, filename: 'b.jpg' },
    ]);
    const page = await respondent.agent.get(res.headers.location);
    expect(page.text).toContain('2 fichiers ajoutés');
  });
});
