import request from 'supertest';
import { ResponseModel } from '../../../src/questionnaire/response.model';
import { buildTestApp } from '../../helpers/app';
import { clearDatabase, useTestDatabase } from '../../helpers/db';
import { csrfFrom, Respondent, validAnswers } from '../../helpers/respondent';

useTestDatabase();
afterEach(clearDatabase);

describe('questionnaire protections', () => {
  it('when a form is posted without its CSRF token, then 403 and nothing is stored', async () => {
    const { app } = buildTestApp();
    const agent = request.agent(app);
    await agent.get('/questionnaire');
    const res = await agent.post('/questionnaire/commencer').type('form').send({ email: '' });
    expect(res.status).toBe(403);
    expect(res.text).toContain('Accès refusé');
    expect(await ResponseModel.countDocuments()).toBe(0);

    const respondent = new Respondent(app);
    await respondent.start();
    const save = await respondent.agent
      .post(respondent.path('/repondant'))
      .type('form')
      .send({ ...validAnswers.repondant, _csrf: 'faux', action: 'continuer' });
    expect(save.status).toBe(403);
    expect((await ResponseModel.findOne({}).lean())!.answers).toEqual({});
  });

  it('when a multipart form has no CSRF token, then 403', async () => {
    const { app } = buildTestApp();
    const respondent = new Respondent(app);
    await respondent.start();
    const res = await respondent.agent
      .post(respondent.path('/documents-consentement'))
      .field('consentementDonnees', 'oui')
      .attach('fichiers', Buffer.from('%PDF-1.4'), 'a.pdf');
    expect(res.status).toBe(403);
    expect((await ResponseModel.findOne({}).lean())!.attachments).toHaveLength(0);
  });

  it('when the honeypot field is filled, then nothing is stored', async () => {
    const { app } = buildTestApp();
    const res = await new Respondent(app).start({
      email: 'robot@exemple.fr',
      site_web: 'http://spam.example',
    });
    expect(res.status).toBe(400);
    expect(await ResponseModel.countDocuments()).toBe(0);
  });

  it('when the start email is malformed, then 422 with the email kept and nothing stored', async () => {
    const { app } = buildTestApp();
    const res = await new Respondent(app).start('camille@@exemple');
    expect(res.status).toBe(422);
    expect(res.text).toContain('value="camille@@exemple"');
    expect(res.text).toContain('href="#email"');
    expect(await ResponseModel.countDocuments()).toBe(0);
  });

  it.each(['<script>alert(1)</script>@exemple.fr', '"a,b"@exemple.fr', 'a@b.fr;c@d.fr'])(
    'when the start email is %s, then 422 and no e-mail is sent',
    async (email) => {
      const { app } = buildTestApp();
      const res = await new Respondent(app).start(email);
      expect(res.status).toBe(422);
      expect(res.text).toContain('Saisissez une adresse e-mail valide');
      expect(await ResponseModel.countDocuments()).toBe(0);
    },
  );

  it('when too many drafts are started from one address, then a French 429 page', async () => {
    const { app } = buildTestApp();
    const statuses: number[] = [];
    for (let i = 0; i < 11; i++) statuses.push((await new Respondent(app).start()).status);
    expect(statuses.slice(0, 10).every((s) => s === 303)).toBe(true);
    expect(statuses[10]).toBe(429);
    const agent = request.agent(app);
    const intro = await agent.get('/questionnaire');
    const limited = await agent
      .post('/questionnaire/commencer')
      .type('form')
      .send({ _csrf: csrfFrom(intro.text) });
    expect(limited.status).toBe(429);
    expect(limited.text).toContain('Trop de demandes');
    expect(await ResponseModel.countDocuments()).toBe(10);
  });

  it('when the limit is reached through one app process, then another process refuses too', async () => {
    const first = buildTestApp().app;
    for (let i = 0; i < 10; i++) expect((await new Respondent(first).start()).status).toBe(303);
    const second = buildTestApp().app;
    expect((await new Respondent(second).start()).status).toBe(429);
  });

  it.each([
    ['an unknown token', 'A'.repeat(43)],
    ['a malformed token', 'abc'],
    ['an injection attempt', '%7B%22%24ne%22%3A1%7D'],
  ])(
    'when the resume link has %s, then a 404 page with help, never another draft',
    async (_name, token) => {
      const { app } = buildTestApp();
      const someone = new Respondent(app);
      await someone.start();
      await someone.save('repondant', validAnswers.repondant);
      for (const path of ['', '/repondant', '/verification', '/confirmation']) {
        const res = await request(app).get(`/questionnaire/reprendre/${token}${path}`);
        expect(res.status).toBe(404);
        expect(res.text).toContain('Ce lien de reprise ne correspond à aucune réponse');
        expect(res.text).toContain('commencer une nouvelle réponse');
        expect(res.text).not.toContain('Camille');
      }
    },
  );

  it('when a form body is far too large, then a French 413 page and nothing stored', async () => {
    const { app } = buildTestApp();
    const respondent = new Respondent(app);
    await respondent.start();
    const res = await respondent.save('pratique', { contextePratique: 'x'.repeat(300 * 1024) });
    expect(res.status).toBe(413);
    expect(res.text).toContain('Envoi trop volumineux');
    expect((await ResponseModel.findOne({}).lean())!.answers).toEqual({});
  });

  it('when an unknown page of a real draft is asked for, then 404', async () => {
    const { app } = buildTestApp();
    const respondent = new Respondent(app);
    await respondent.start();
    const res = await respondent.agent.get(respondent.path('/nimporte-quoi'));
    expect(res.status).toBe(404);
  });

  it('when the questionnaire pages are served, then they are not cached and the CSRF cookie is HttpOnly', async () => {
    const { app } = buildTestApp();
    const respondent = new Respondent(app);
    const intro = await respondent.agent.get('/questionnaire');
    expect(intro.headers['set-cookie']?.[0]).toMatch(/^bp\.csrf=.*HttpOnly.*SameSite=Lax/);
    expect(intro.headers['cache-control']).toBe('no-store');
    await respondent.start();
    const page = await respondent.agent.get(respondent.path('/repondant'));
    expect(page.headers['cache-control']).toBe('no-store');
    expect(page.headers['referrer-policy']).toBe('no-referrer');
  });

  it('when a private page answers with an error or a re-display, then it is not cached either', async () => {
    const { app } = buildTestApp();
    const respondent = new Respondent(app);
    await respondent.start();
    const invalid = await respondent.save('repondant', {
      ...validAnswers.repondant,
      emailRepondant: 'camille@',
    });
    expect(invalid.status).toBe(422);
    const startInvalid = await new Respondent(app).start('camille@');
    expect(startInvalid.status).toBe(422);
    const forged = await respondent.agent
      .post(respondent.path('/repondant'))
      .type('form')
      .send({ _csrf: 'faux' });
    expect(forged.status).toBe(403);
    const unknownStep = await respondent.agent.get(respondent.path('/nimporte-quoi'));
    expect(unknownStep.status).toBe(404);
    const unknownToken = await request(app).get(`/questionnaire/reprendre/${'A'.repeat(43)}`);
    expect(unknownToken.status).toBe(404);
    for (const res of [invalid, startInvalid, forged, unknownStep, unknownToken]) {
      expect(res.headers['cache-control']).toBe('no-store');
    }
  });

  it('when the public geography API is used, then it answers JSON without a cookie', async () => {
    const { app } = buildTestApp();
    const res = await request(app).get('/api/departements/24');
    expect(res.status).toBe(200);
    expect(res.body.map((d: { code: string }) => d.code)).toEqual([
      '18',
      '28',
      '36',
      '37',
      '41',
      '45',
    ]);
    expect(res.headers['set-cookie']).toBeUndefined();
    const communes = await request(app).get('/api/communes/45');
    expect(communes.body).toContainEqual({ code: '45234', nom: 'Orléans' });
    expect((await request(app).get('/api/communes/%24ne')).body).toEqual([]);
  });
});

describe('opening window', () => {
  it('when the questionnaire has not opened yet, then it says when it will', async () => {
    const { app } = buildTestApp({ QUESTIONNAIRE_OPENS_AT: '2999-01-01' });
    const res = await request(app).get('/questionnaire');
    expect(res.status).toBe(403);
    expect(res.text).toContain('ouvrira le 1 janvier 2999');
  });

  it('when the campaign is closed, then starting, editing and sending are refused with what to do', async () => {
    const open = buildTestApp().app;
    const respondent = new Respondent(open);
    await respondent.start();
    await respondent.save('repondant', validAnswers.repondant);

    const { app } = buildTestApp({
      QUESTIONNAIRE_OPENS_AT: '2020-01-01',
      QUESTIONNAIRE_CLOSES_AT: '2020-12-31',
    });
    const intro = await request(app).get('/questionnaire');
    expect(intro.status).toBe(403);
    expect(intro.text).toContain('a fermé le 31 décembre 2020');
    expect(intro.text).toContain('ave@ville-emploi.asso.fr');

    const closedRespondent = new Respondent(app);
    closedRespondent.token = respondent.token;
    const section = await closedRespondent.agent.get(closedRespondent.path('/repondant'));
    expect(section.status).toBe(303);
    const tasks = await closedRespondent.agent.get(closedRespondent.path());
    expect(tasks.text).toContain('Le questionnaire est fermé');
    const review = await closedRespondent.agent.get(closedRespondent.path('/verification'));
    expect(review.text).toContain('Camille Martin');
    expect(review.text).not.toContain('>Envoyer<');
  });
});
