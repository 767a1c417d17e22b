import request from 'supertest';
import { buildTestApp } from '../helpers/app';
import { createUser, loginAs, submitLogin } from '../helpers/auth';
import { clearDatabase, useTestDatabase } from '../helpers/db';
import { csrfFrom } from '../helpers/respondent';

// `?retour=` after a login, and the inbox's way back after a bulk change: a local page only,
// whatever a link written by someone else says (an open redirect would lend the site's name to a
// phishing page).

useTestDatabase();
afterEach(clearDatabase);
const { app } = buildTestApp();

describe('return path after login (?retour=)', () => {
  it('when retour is a local page, then the login goes there', async () => {
    const user = await createUser();
    const res = await submitLogin(
      request.agent(app),
      user.email,
      user.password,
      '/moderation/compte?x=1',
    );
    expect(res.headers.location).toBe('/moderation/compte?x=1');
  });

  it.each([
    '//evil.example',
    '///evil.example',
    '/\\/evil.example',
    '/%5Cevil.example',
    '\\/evil.example',
    'http:evil.example',
    'https:/evil.example',
    '%2F%2Fevil.example',
    '/moderation\u0000//evil.example',
    '/moderation\n//evil.example',
    'data:text/html,<script>alert(1)</script>',
    '/' + 'a'.repeat(600),
    '/\\evil.example',
    '\\\\evil.example',
    'https://evil.example/moderation',
    'javascript:alert(1)',
    '/%09/evil.example',
    '/\t/evil.example',
    ' //evil.example',
    'moderation',
    '',
  ])('when retour is %j, then the login goes to the inbox instead', async (retour) => {
    const user = await createUser();
    const agent = request.agent(app);
    const page = await agent.get(`/connexion?retour=${encodeURIComponent(retour)}`);
    expect(page.status).toBe(200);
    const res = await agent
      .post('/connexion')
      .type('form')
      .send({ _csrf: csrfFrom(page.text), email: user.email, password: user.password, retour });
    expect(res.status).toBe(303);
    // The inbox, or the same local path percent-encoded (a browser keeps it on this site).
    const location = String(res.headers.location);
    expect(location).toMatch(/^\/(?![/\\])[^\\\s]*$/);
    expect(new URL(location, 'http://bp.local').host).toBe('bp.local');
  });

  it('when an anonymous visitor opens a back-office page, then the login page comes back to it', async () => {
    const res = await request(app).get('/moderation/journal?action=logout');
    expect(res.status).toBe(302);
    expect(res.headers.location).toBe(
      '/connexion?retour=%2Fmoderation%2Fjournal%3Faction%3Dlogout',
    );
  });
});

describe('way back to the inbox after a bulk change', () => {
  it('when the form’s retour names another site or page, then the inbox is where it goes', async () => {
    const mod = await loginAs(app);
    for (const retour of [
      '//evil.example',
      'https://evil.example',
      '/moderation/../connexion',
      '/moderation?q=x',
    ]) {
      const res = await mod.agent
        .post('/moderation/reponses/statut')
        .type('form')
        .send({
          _csrf: await mod.csrf('/moderation'),
          retour,
          'statut-groupe': 'en-examen',
          ids: [],
        });
      const location = res.headers.location ?? '/moderation';
      expect(new URL(location, 'http://bp.local').host).toBe('bp.local');
      expect(location).toMatch(/^\/moderation(\?|$)/);
    }
  });
});
