import request from 'supertest';
import { ResponseModel } from '../../../src/questionnaire/response.model';
import { buildTestApp } from '../../helpers/app';
import { loginAs, type SignedIn } from '../../helpers/auth';
import { clearDatabase, useTestDatabase } from '../../helpers/db';
import { insertResponse } from '../../helpers/responses';

useTestDatabase();
const { app } = buildTestApp();

let moderator: SignedIn;
let regional: SignedIn;
let admin: SignedIn;
let paris: { id: string; reference: string };
beforeAll(async () => {
  await clearDatabase();
  [moderator, regional, admin] = await Promise.all([
    loginAs(app, { role: 'moderator' }),
    loginAs(app, { role: 'moderator', regions: ['84'] }),
    loginAs(app, { role: 'admin' }),
  ]);
  paris = await insertResponse({ commune: '75056' });
  await insertResponse({ commune: '69123' });
});

const pages = [
  '/moderation',
  '/moderation/chiffres',
  '/moderation/chiffres/statuts.csv',
  '/moderation/export.csv',
  '/moderation/export.xlsx',
];

describe('who may open the inbox pages', () => {
  it.each(pages)('when anonymous opens %s, then the login page; JSON gets 401', async (url) => {
    const page = await request(app).get(url);
    expect(page.status).toBe(302);
    expect(page.headers.location).toMatch(/^\/connexion/);
    expect((await request(app).get(url).set('Accept', 'application/json')).status).toBe(401);
  });

  it.each(pages)(
    'when a moderator, a regional moderator and an admin open %s, then 200 each',
    async (url) => {
      for (const who of [moderator, regional, admin]) {
        expect((await who.agent.get(url)).status).toBe(200);
      }
    },
  );

  it('when anonymous posts a bulk change, then nothing changes', async () => {
    const res = await request(app)
      .post('/moderation/reponses/statut')
      .type('form')
      .send({ 'statut-groupe': 'en-examen', ids: paris.id });
    expect([302, 403]).toContain(res.status);
    expect((await ResponseModel.findById(paris.id).lean())!.summary!.status).toBe('recue');
  });

  it('when a regional moderator ticks another région’s response by its id, then it is not changed', async () => {
    const csrf = await regional.csrf('/moderation');
    const res = await regional.agent.post('/moderation/reponses/statut').type('form').send({
      _csrf: csrf,
      retour: '/moderation',
      'statut-groupe': 'en-examen',
      motif: '',
      ids: paris.id,
    });
    expect(res.status).toBe(303);
    expect((await ResponseModel.findById(paris.id).lean())!.summary!.status).toBe('recue');
    const page = await regional.agent.get('/moderation');
    expect(page.text).toContain('0 réponse passée');
    expect(page.text).not.toContain(paris.reference);
  });

  it('when a POST comes without its CSRF token, then 403 and nothing changes', async () => {
    const res = await moderator.agent
      .post(`/moderation/reponses/${paris.id}/statut`)
      .type('form')
      .send({ depuis: 'recue', statut: 'en-examen' });
    expect(res.status).toBe(403);
    expect((await ResponseModel.findById(paris.id).lean())!.summary!.status).toBe('recue');
  });
});
