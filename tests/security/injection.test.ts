import request from 'supertest';
import { ResponseModel } from '../../src/questionnaire/response.model';
import { buildTestApp, captureMailer } from '../helpers/app';
import { loginAs, type SignedIn } from '../helpers/auth';
import { clearDatabase, useTestDatabase } from '../helpers/db';
import { backOfficeObjects, objectParams, valueParams, type Objects } from '../helpers/objects';
import { csrfFrom, multipartActionFrom, Respondent, validAnswers } from '../helpers/respondent';
import { fillPath, routeTable } from '../helpers/routes';

// Query operators and prototype keys where a value is expected: in every page's query string,
// in every form (urlencoded and multipart, whose bracket syntax builds objects) and in imports.
// Filters come from allow-lists, so none widens a result, pollutes an object or answers 5xx.

jest.setTimeout(120_000);
useTestDatabase();
const { app } = buildTestApp({}, { mailer: captureMailer() });

const operatorQuery = [
  'q[$ne]=x',
  'statut[$gt]=',
  'region[$ne]=24',
  'region[$in][]=11',
  'nom[$regex]=.*',
  '__proto__[pollue]=1',
  'constructor[prototype][pollue]=1',
  'page[$gt]=0',
  'tri[$where]=1',
].join('&');

const polluted = () => ({}) as Record<string, unknown>;

let objects: Objects;
let regional: SignedIn;
let admin: SignedIn;
beforeAll(async () => {
  await clearDatabase();
  objects = await backOfficeObjects(app);
  regional = await loginAs(app, { role: 'moderator', regions: ['24'] });
  admin = await loginAs(app, { role: 'admin' });
});

const filled = (pattern: string) =>
  fillPath(pattern, (before, name) => {
    const object = objectParams[`${before}/:${name}`];
    if (object) return object(objects);
    return valueParams[`${before}/:${name}`] ?? (name === 'slug' ? objects.meeting : 'x');
  });

describe('operators in query strings', () => {
  it('when every page is asked with operators and prototype keys, then none answers 5xx and no object is polluted', async () => {
    const failures: string[] = [];
    for (const route of routeTable(app).filter((r) => r.method === 'GET')) {
      const url = `${filled(route.path)}?${operatorQuery}`;
      for (const agent of [admin.agent, request(app)]) {
        const res = await agent.get(url);
        if (res.status >= 500) failures.push(`${res.status} ${url}`);
      }
    }
    expect(failures).toEqual([]);
    expect(polluted().pollue).toBeUndefined();
  });

  it('when a regional moderator adds operators to their lists, then they still see their régions only', async () => {
    for (const path of [
      '/moderation',
      '/moderation/fiches',
      '/moderation/rencontres',
      '/moderation/export.csv',
    ]) {
      const res = await regional.agent.get(`${path}?${operatorQuery}`).buffer(true);
      expect(res.status).toBeLessThan(500);
      const body = res.text ?? String(res.body);
      expect({ path, leaks: /ZZ |Paris|francilien/.test(body) }).toEqual({ path, leaks: false });
    }
  });
});

describe('operators in forms', () => {
  it('when every form is posted with its token and operator-shaped fields, urlencoded and multipart, then none answers 5xx, stores an object or pollutes one', async () => {
    const failures: string[] = [];
    const token = csrfFrom((await admin.agent.get('/moderation/compte')).text);
    for (const route of routeTable(app).filter((r) => r.method === 'POST')) {
      const url = filled(route.path);
      const agent = route.path.startsWith('/moderation') ? admin.agent : request.agent(app);
      const urlencoded = await agent
        .post(url)
        .type('form')
        .send(`_csrf=${encodeURIComponent(token)}&${operatorQuery}&email[$ne]=x&ids[$in][]=1`);
      const multipart = await agent
        .post(`${url}?_csrf=${encodeURIComponent(token)}`)
        .field('email[$ne]', 'x')
        .field('ids[$in][0]', '1')
        .field('__proto__[pollue]', '1')
        .field('nomRepondant[$gt]', '');
      for (const res of [urlencoded, multipart]) {
        if (res.status >= 500) failures.push(`${res.status} ${route.path}`);
      }
    }
    expect(failures).toEqual([]);
    expect(polluted().pollue).toBeUndefined();
  });

  it('when a respondent posts a page with objects built by multipart brackets, then the page is refused or the values ignored, never stored as objects', async () => {
    const respondent = new Respondent(app);
    await respondent.start();
    await respondent.save('repondant', validAnswers.repondant);
    const page = await respondent.agent.get(respondent.path('/documents-consentement'));
    const res = await respondent.agent
      .post(multipartActionFrom(page.text))
      .field('action', 'continuer')
      .field('consentementPublication[$ne]', 'x')
      .field('legende-1[$gt]', '');
    expect(res.status).toBeLessThan(500);
    const stored = await ResponseModel.findOne({}, { answers: 1 }).lean();
    const values = JSON.stringify(stored!.answers);
    expect(values).not.toContain('$ne');
    expect(values).not.toContain('$gt');
  });
});
