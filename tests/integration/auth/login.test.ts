import request from 'supertest';
import { AuditEventModel } from '../../../src/audit/audit.model';
import { UserModel } from '../../../src/accounts/user.model';
import { buildTestApp } from '../../helpers/app';
import {
  ageSession,
  createUser,
  loginAs,
  sessionIdOf,
  sessions,
  submitLogin,
} from '../../helpers/auth';
import { clearDatabase, useTestDatabase } from '../../helpers/db';
import { csrfFrom } from '../../helpers/respondent';

useTestDatabase();
afterEach(clearDatabase);

const { app } = buildTestApp();
const failure = 'Adresse e-mail ou mot de passe incorrect';
const hour = 60 * 60_000;

describe('login with e-mail and password', () => {
  it('when the password is wrong or the e-mail unknown, then the same message is shown, the e-mail is kept and nothing opens', async () => {
    const user = await createUser();
    const wrongAgent = request.agent(app);
    const wrong = await submitLogin(wrongAgent, user.email, 'pas-le-bon-mot-de-passe');
    const unknown = await submitLogin(request.agent(app), 'inconnu@exemple.fr', user.password);
    const message = (html: string) => html.match(/<div class="error-summary"[\s\S]*?<\/div>/)?.[0];
    expect(wrong.status).toBe(422);
    expect(unknown.status).toBe(422);
    expect(message(wrong.text)).toContain(failure);
    expect(message(wrong.text)).toBe(message(unknown.text));
    expect(unknown.text).toContain('value="inconnu@exemple.fr"');
    expect(wrong.text).toContain('aria-invalid="true"');
    expect((await wrongAgent.get('/moderation/compte')).status).toBe(302);
    const failures = await AuditEventModel.find({ action: 'login.failure' }).lean();
    expect(failures).toHaveLength(2);
  });

  it('when a field is missing or sent twice, then 422 with a message beside it, never a 500', async () => {
    const agent = request.agent(app);
    const page = await agent.get('/connexion');
    const res = await agent
      .post('/connexion')
      .type('form')
      .send(`_csrf=${encodeURIComponent(csrfFrom(page.text))}&email=a@b.fr&email=c@d.fr`);
    expect(res.status).toBe(422);
    expect(res.text).toContain('Saisissez votre adresse e-mail');
    expect(res.text).toContain('Saisissez votre mot de passe');
    expect(res.text).toContain('href="#password"');
  });

  it('when the login form is posted without its CSRF token, then 403', async () => {
    const user = await createUser();
    const agent = request.agent(app);
    await agent.get('/connexion');
    const res = await agent
      .post('/connexion')
      .type('form')
      .send({ email: user.email, password: user.password });
    expect(res.status).toBe(403);
    expect(await AuditEventModel.countDocuments({ action: 'login.success' })).toBe(0);
  });

  it('when the account is disabled or has no password yet (invitation pending), then the same failure', async () => {
    const disabled = await createUser({ active: false });
    const invited = await createUser();
    await UserModel.updateOne({ _id: invited.id }, { $set: { passwordHash: null } });
    for (const user of [disabled, invited]) {
      const res = await submitLogin(request.agent(app), user.email, user.password);
      expect(res.status).toBe(422);
      expect(res.text).toContain(failure);
    }
  });

  it('when a signed-in user opens /connexion, then they go straight on', async () => {
    const { agent } = await loginAs(app);
    const res = await agent.get('/connexion?retour=/moderation/compte');
    expect(res.status).toBe(303);
    expect(res.headers.location).toBe('/moderation/compte');
  });
});

describe('lockout and rate limit', () => {
  it('when five wrong passwords are given, then the account is locked: the right password fails with the same message, once, until the lock ends', async () => {
    const user = await createUser();
    for (let i = 0; i < 5; i++) {
      expect(
        (await submitLogin(request.agent(app), user.email, `faux-${i}-motdepasse`)).status,
      ).toBe(422);
    }
    const locked = await submitLogin(request.agent(app), user.email, user.password);
    expect(locked.status).toBe(422);
    expect(locked.text).toContain(failure);
    expect(await AuditEventModel.countDocuments({ action: 'login.locked' })).toBe(1);

    await UserModel.updateOne(
      { _id: user.id },
      { $set: { 'login.lockedUntil': new Date(Date.now() - 1000) } },
    );
    const after = await submitLogin(request.agent(app), user.email, user.password);
    expect(after.status).toBe(303);
    const stored = await UserModel.findById(user.id).lean();
    expect(stored?.login?.failures).toBe(0);
    expect(stored?.login?.lockedUntil).toBeNull();
  });

  // Needs atomic single-document updates from the database (the embedded FerretDB gets them from the lock proxy).
  it('when eight wrong passwords arrive at the same time, then every one is counted and the account is locked exactly once', async () => {
    const user = await createUser();
    const agents = await Promise.all(
      Array.from({ length: 8 }, async () => {
        const agent = request.agent(app);
        return { agent, csrf: csrfFrom((await agent.get('/connexion')).text) };
      }),
    );
    const results = await Promise.all(
      agents.map(({ agent, csrf }, i) =>
        agent
          .post('/connexion')
          .type('form')
          .send({ _csrf: csrf, email: user.email, password: `mauvais-mot-de-passe-${i}` }),
      ),
    );
    expect(results.map((r) => r.status)).toEqual(Array(8).fill(422));
    expect(await AuditEventModel.countDocuments({ action: 'login.failure' })).toBe(8);
    expect(await AuditEventModel.countDocuments({ action: 'login.locked' })).toBe(1);
    const stored = await UserModel.findById(user.id).lean();
    expect(stored?.login?.lockedUntil?.getTime()).toBeGreaterThan(Date.now());
  });

  it('when one address sends more than twenty logins in a quarter of an hour, then 429', async () => {
    const agent = request.agent(app);
    const csrf = csrfFrom((await agent.get('/connexion')).text);
    const statuses: number[] = [];
    for (let i = 0; i < 21; i++) {
      const res = await agent
        .post('/connexion')
        .type('form')
        .send({ _csrf: csrf, email: `personne${i}@exemple.fr`, password: 'nimporte-quoi-123' });
      statuses.push(res.status);
    }
    expect(statuses.slice(0, 20)).toEqual(Array(20).fill(422));
    expect(statuses[20]).toBe(429);
  });
});

describe('sessions', () => {
  it('when a user logs out, then the stored session is deleted and the old cookie opens nothing', async () => {
    const { agent, csrf } = await loginAs(app);
    const id = sessionIdOf(agent)!;
    const cookie = `bp.sid=${agent.jar.getCookie('bp.sid', { domain: '127.0.0.1', path: '/', secure: false, script: false })!.value}`;
    const res = await agent
      .post('/deconnexion')
      .type('form')
      .send({ _csrf: await csrf() });
    expect(res.status).toBe(303);
    expect(res.headers.location).toBe('/connexion?deconnexion=1');
    expect(await sessions().countDocuments({ _id: id })).toBe(0);
    const replay = await request(app).get('/moderation/compte').set('Cookie', cookie);
    expect(replay.status).toBe(302);
    expect(await AuditEventModel.countDocuments({ action: 'logout' })).toBe(1);
  });

  it('when a session has been idle for more than 2 hours, then it is deleted and the login page says it expired', async () => {
    const { agent } = await loginAs(app);
    const id = sessionIdOf(agent)!;
    await ageSession(id, { idleMs: 2 * hour + 60_000 });
    const res = await agent.get('/moderation/compte');
    expect(res.status).toBe(302);
    expect(res.headers.location).toBe('/connexion?expiree=1&retour=%2Fmoderation%2Fcompte');
    expect(await sessions().countDocuments({ _id: id })).toBe(0);
    expect((await agent.get(res.headers.location)).text).toContain('Votre session a expiré');
  });

  it('when a session is just under 2 hours idle, then it still works and its clock restarts', async () => {
    const { agent } = await loginAs(app);
    const id = sessionIdOf(agent)!;
    await ageSession(id, { idleMs: 2 * hour - 60_000 });
    expect((await agent.get('/moderation/compte')).status).toBe(200);
    const stored = await sessions().findOne({ _id: id });
    const { auth } = JSON.parse(stored!.session) as { auth: { seenAt: number } };
    expect(Date.now() - auth.seenAt).toBeLessThan(hour);
  });

  it('when a login is more than 12 hours old, then it ends even if it was used a minute ago', async () => {
    const { agent } = await loginAs(app);
    const id = sessionIdOf(agent)!;
    await ageSession(id, { sinceLoginMs: 12 * hour + 60_000 });
    const res = await agent.get('/moderation/compte');
    expect(res.status).toBe(302);
    expect(await sessions().countDocuments({ _id: id })).toBe(0);
  });

  it('when an admin disables an account, then its open session stops working at the next request', async () => {
    const moderator = await loginAs(app);
    const sessionId = sessionIdOf(moderator.agent)!;
    const admin = await loginAs(app, { role: 'admin' });
    const res = await admin.agent
      .post(`/moderation/utilisateurs/${moderator.user.id}`)
      .type('form')
      .send({
        _csrf: await admin.csrf(),
        name: moderator.user.name,
        role: 'moderator',
        active: 'non',
      });
    expect(res.status).toBe(303);
    const after = await moderator.agent.get('/moderation/compte');
    expect(after.status).toBe(302);
    expect(await sessions().countDocuments({ _id: sessionId })).toBe(0);
  });

  it('when a public page is served, then no session is created and no cookie set', async () => {
    for (const url of ['/', '/recueil', '/moderation-inconnue']) {
      const res = await request(app).get(url);
      expect(res.headers['set-cookie']).toBeUndefined();
    }
    expect(await sessions().countDocuments()).toBe(0);
  });
});
