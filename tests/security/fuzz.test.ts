import v8 from 'node:v8';
import vm from 'node:vm';
import fc from 'fast-check';
import mongoose from 'mongoose';
import request from 'supertest';
import { buildTestApp, captureMailer } from '../helpers/app';
import { loginAs, type SignedIn } from '../helpers/auth';
import { clearDatabase, testServerUri, useTestDatabase } from '../helpers/db';
import { backOfficeObjects, objectParams, valueParams, type Objects } from '../helpers/objects';
import { csrfFrom } from '../helpers/respondent';
import { fillPath, routeTable } from '../helpers/routes';
import { connectMongoose } from '../../src/lib/db';

// Thousands of random and malformed requests over every route of the app, anonymous or as a
// moderator, with a valid CSRF token or not: the server never answers 5xx, a refused request
// (4xx) writes nothing to the database, and the process's memory stays flat.

jest.setTimeout(600_000);
const database = useTestDatabase();
const { app } = buildTestApp({}, { mailer: captureMailer() });
const routes = routeTable(app);
const runs = 5000;

/**
 * Collections a refused request may still write to, by design: its own rate-limit counter, the
 * session it touched, the journal of a failed login, and GridFS chunks of a file refused by its
 * content (removed at once; no orphan is checked at the end).
 */
const bookkeeping = /^(rate_limits|sessions|audit_events|counters|attachments\.(files|chunks))$/;
const writeCommands = new Set(['insert', 'update', 'delete', 'findAndModify']);

const text = fc.oneof(
  fc.string({ maxLength: 40 }),
  fc.string({ unit: 'grapheme', maxLength: 20 }),
  fc.constantFrom(
    '',
    '%00',
    '%',
    '%E0%A4%A',
    '..',
    '%2e%2e%2f',
    '\u0000',
    '\r\nX-Injection: 1',
    '<script>alert(1)</script>',
    'a'.repeat(5000),
    '$ne',
    '__proto__',
    '[object Object]',
    '1e309',
    '-1',
    '000000000000000000000000',
  ),
);
const key = fc.oneof(
  fc.constantFrom(
    'q',
    'page',
    'statut',
    'region',
    'email',
    'ids',
    '_csrf',
    'revision',
    'atelier',
    'retour',
    'action',
    'id',
    'titre',
    'nom',
  ),
  fc.string({ maxLength: 12 }),
  fc.constantFrom(
    'a[b]',
    'q[$ne]',
    '__proto__[x]',
    'constructor[prototype][x]',
    'ids[]',
    'x'.repeat(300),
  ),
);

const fuzzRequest = fc.record({
  route: fc.constantFrom(...routes),
  validParams: fc.boolean(),
  param: text,
  query: fc.array(fc.tuple(key, text), { maxLength: 6 }),
  encodeQuery: fc.boolean(),
  body: fc.constantFrom('none', 'form', 'json', 'multipart', 'garbage'),
  fields: fc.array(fc.tuple(key, fc.oneof(text, fc.array(text, { maxLength: 3 }))), {
    maxLength: 8,
  }),
  csrf: fc.constantFrom('valid', 'none', 'forged'),
  signedIn: fc.boolean(),
  accept: fc.constantFrom('text/html', 'application/json', '*/*', 'image/png'),
});
type FuzzRequest = typeof fuzzRequest extends fc.Arbitrary<infer T> ? T : never;

let objects: Objects;
let moderator: SignedIn;
let csrf: { signedIn: string; anonymous: string; cookie: string };
const written: string[] = [];
let writes = 0;

/** The heap in use once garbage is collected: what stays, not what V8 keeps in reserve. */
function liveHeap(): number {
  v8.setFlagsFromString('--expose-gc');
  const gc = vm.runInNewContext('gc') as () => void;
  gc();
  gc();
  return process.memoryUsage().heapUsed;
}

beforeAll(async () => {
  // The driver reports every command it sends: each write is seen, whatever code made it. The
  // connection is made again with that option before the app first uses it (its session store
  // keeps the client it first saw).
  await mongoose.disconnect();
  await connectMongoose(testServerUri(), database.name, { monitorCommands: true });
  mongoose.connection.getClient().on('commandStarted', (event) => {
    if (!writeCommands.has(event.commandName)) return;
    const collection = String(event.command[event.commandName]);
    writes++;
    if (!bookkeeping.test(collection)) written.push(collection);
  });
  await clearDatabase();
  objects = await backOfficeObjects(app);
  moderator = await loginAs(app, { role: 'moderator' });
  const form = await request(app).get('/questionnaire');
  csrf = {
    signedIn: await moderator.csrf(),
    anonymous: csrfFrom(form.text),
    cookie: String(form.headers['set-cookie']).split(';')[0],
  };
});

function pathOf(r: FuzzRequest): string {
  return fillPath(r.route.path, (before, name) => {
    if (!r.validParams) return r.param;
    const object = objectParams[`${before}/:${name}`];
    if (object) return object(objects);
    return valueParams[`${before}/:${name}`] ?? (name === 'slug' ? objects.meeting : r.param);
  });
}

function queryOf(r: FuzzRequest): string {
  const pairs = r.query.map(([k, v]) =>
    r.encodeQuery ? `${encodeURIComponent(k)}=${encodeURIComponent(v)}` : `${k}=${v}`,
  );
  return pairs.length ? `?${pairs.join('&')}` : '';
}

async function send(r: FuzzRequest) {
  const url = `${pathOf(r)}${queryOf(r)}`.replace(/[\s#]/g, (c) => encodeURIComponent(c));
  const agent = r.signedIn ? moderator.agent : request(app);
  const token =
    r.csrf === 'valid'
      ? r.signedIn
        ? csrf.signedIn
        : csrf.anonymous
      : r.csrf === 'forged'
        ? 'a.b'
        : undefined;
  const withCookie = (req: request.Test) => (r.signedIn ? req : req.set('Cookie', csrf.cookie));
  if (r.route.method === 'GET') return withCookie(agent.get(url).set('Accept', r.accept));
  const fields = Object.fromEntries(r.fields);
  if (token) fields._csrf = token;
  const post = withCookie(agent.post(url).set('Accept', r.accept));
  switch (r.body) {
    case 'none':
      return post;
    case 'form':
      return post.type('form').send(fields);
    case 'json':
      return post.send(fields);
    case 'garbage':
      return post
        .set('Content-Type', 'application/x-www-form-urlencoded')
        .send(Buffer.from([0xff, 0xfe, 0x25, 0x00, 0x3d]));
    default: {
      let multipart = agent
        .post(`${url}${url.includes('?') ? '&' : '?'}_csrf=${encodeURIComponent(token ?? '')}`)
        .set('Accept', r.accept);
      multipart = withCookie(multipart);
      for (const [k, v] of r.fields)
        for (const value of [v].flat()) multipart = multipart.field(k || 'x', value);
      return multipart.attach('fichiers', Buffer.from('%PDF-1.4 fuzz'), 'f.pdf');
    }
  }
}

describe('random and malformed requests over every route', () => {
  it(`when ${runs} requests are sent, then none answers 5xx, a refused one writes nothing, and the live heap stays flat`, async () => {
    expect(routes.length).toBeGreaterThan(100);
    const heapBefore = liveHeap();
    const seen: Record<string, number> = {};
    await fc.assert(
      fc.asyncProperty(fuzzRequest, async (r) => {
        written.length = 0;
        const res = await send(r);
        seen[`${r.route.method} ${r.route.path}`] =
          (seen[`${r.route.method} ${r.route.path}`] ?? 0) + 1;
        if (res.status >= 500) throw new Error(`${res.status} for ${r.route.method} ${pathOf(r)}`);
        if (res.status >= 400 && written.length) {
          throw new Error(
            `${res.status} for ${r.route.method} ${pathOf(r)} wrote to ${written.join(', ')}`,
          );
        }
      }),
      { numRuns: runs, seed: Number(process.env.FUZZ_SEED ?? Date.now() % 2 ** 31) },
    );
    expect(Object.keys(seen).length).toBeGreaterThan(routes.length * 0.9);
    expect(writes).toBeGreaterThan(0);
    expect(liveHeap() - heapBefore).toBeLessThan(40 * 1024 * 1024);
    const files = await mongoose.connection.collection('attachments.files').find({}).toArray();
    const referenced = JSON.stringify(
      await mongoose.connection.collection('responses').find({}).toArray(),
    );
    expect(files.filter((f) => !referenced.includes(String(f._id)))).toEqual([]);
  });
});
