import request from 'supertest';
import { AuditEventModel } from '../../../src/audit/audit.model';
import { totpCode } from '../../../src/accounts/totp';
import { UserModel } from '../../../src/accounts/user.model';
import { buildTestApp } from '../../helpers/app';
import {
  codeFor,
  createUser,
  loginAs,
  sessions,
  submitCode,
  submitLogin,
  type Agent,
} from '../../helpers/auth';
import { clearDatabase, useTestDatabase } from '../../helpers/db';
import { csrfFrom } from '../../helpers/respondent';

useTestDatabase();
afterEach(clearDatabase);

const { app } = buildTestApp();

/** The enrolment page's secret (shown in groups of four for manual entry). */
const secretOf = (html: string) =>
  html.match(/<code class="secret"[^>]*>([A-Z2-7 ]+)<\/code>/)![1].replace(/ /g, '');
const codesOf = (html: string) =>
  [...html.matchAll(/<li><code>([a-z2-9-]{14})<\/code><\/li>/g)].map((m) => m[1]);

async function enrolAtLogin(agent: Agent) {
  const page = await agent.get('/connexion/activation');
  const secret = secretOf(page.text);
  const res = await agent
    .post('/connexion/activation')
    .type('form')
    .send({ _csrf: csrfFrom(page.text), code: totpCode(secret) });
  return { page, secret, res };
}

describe('admins: second factor at login', () => {
  it('when an admin gives the right password, then no back-office page opens before the code', async () => {
    const admin = await createUser({ role: 'admin' });
    const agent = request.agent(app);
    const res = await submitLogin(agent, admin.email, admin.password);
    expect(res.status).toBe(303);
    expect(res.headers.location).toBe('/connexion/verification');
    const blocked = await agent.get('/moderation/utilisateurs');
    expect(blocked.status).toBe(302);
    expect(blocked.headers.location).toMatch(/^\/connexion\?retour=/);
    const json = await agent.get('/moderation/compte').set('Accept', 'application/json');
    expect(json.status).toBe(401);
    expect(json.body.error.status).toBe(401);
  });

  it('when the code is wrong, then 422 and still no access; when it is right, then the back office opens', async () => {
    const admin = await createUser({ role: 'admin' });
    const agent = request.agent(app);
    await submitLogin(agent, admin.email, admin.password);
    const wrong = await submitCode(agent, codeFor(admin) === '000000' ? '111111' : '000000');
    expect(wrong.status).toBe(422);
    expect(wrong.text).toContain('Code incorrect ou déjà utilisé');
    expect(wrong.text).toContain('aria-invalid="true"');
    const right = await submitCode(agent, codeFor(admin));
    expect(right.status).toBe(303);
    expect(right.headers.location).toBe('/moderation');
    expect((await agent.get('/moderation/utilisateurs')).status).toBe(200);
    const success = await AuditEventModel.findOne({ action: 'login.success' }).lean();
    expect(success?.details).toEqual({ method: 'totp' });
  });

  it('when a code already accepted is used again, then it is refused', async () => {
    const admin = await createUser({ role: 'admin' });
    const code = codeFor(admin);
    const first = request.agent(app);
    await submitLogin(first, admin.email, admin.password);
    expect((await submitCode(first, code)).status).toBe(303);
    const second = request.agent(app);
    await submitLogin(second, admin.email, admin.password);
    const replay = await submitCode(second, code);
    expect(replay.status).toBe(422);
    expect((await second.get('/moderation/compte')).status).toBe(302);
  });

  it('when the code of the previous 30-second step is sent after a newer one was accepted, then it is refused', async () => {
    const admin = await createUser({ role: 'admin' });
    const agent = request.agent(app);
    await submitLogin(agent, admin.email, admin.password);
    expect((await submitCode(agent, codeFor(admin))).status).toBe(303);
    const older = request.agent(app);
    await submitLogin(older, admin.email, admin.password);
    expect((await submitCode(older, codeFor(admin, Date.now() - 30_000))).status).toBe(422);
  });

  // Needs atomic single-document updates from the database (the embedded FerretDB gets them from the lock proxy).
  it('when one code is sent by two sessions at the same time, then exactly one logs in', async () => {
    const admin = await createUser({ role: 'admin' });
    const agents = [request.agent(app), request.agent(app), request.agent(app)];
    const forms = await Promise.all(
      agents.map(async (agent) => {
        await submitLogin(agent, admin.email, admin.password);
        return csrfFrom((await agent.get('/connexion/verification')).text);
      }),
    );
    const code = codeFor(admin);
    const results = await Promise.all(
      agents.map((agent, i) =>
        agent.post('/connexion/verification').type('form').send({ _csrf: forms[i], code }),
      ),
    );
    expect(results.map((r) => r.status).sort()).toEqual([303, 422, 422]);
  });

  it('when wrong codes are sent five times, then the account is locked like after wrong passwords', async () => {
    const admin = await createUser({ role: 'admin' });
    const agent = request.agent(app);
    await submitLogin(agent, admin.email, admin.password);
    const statuses: number[] = [];
    for (let i = 0; i < 5; i++) statuses.push((await submitCode(agent, '12345' + i)).status);
    expect(statuses).toEqual([422, 422, 422, 422, 422]);
    expect(await AuditEventModel.countDocuments({ action: 'login.locked' })).toBe(1);
    const again = request.agent(app);
    expect((await submitLogin(again, admin.email, admin.password)).status).toBe(422);
  });

  it('when the second step is left for more than ten minutes, then the login starts again', async () => {
    const admin = await createUser({ role: 'admin' });
    const agent = request.agent(app);
    await submitLogin(agent, admin.email, admin.password);
    const stored = await sessions().findOne({});
    const data = JSON.parse(stored!.session) as { pending: { at: number } };
    data.pending.at -= 11 * 60_000;
    await sessions().updateOne({ _id: stored!._id }, { $set: { session: JSON.stringify(data) } });
    const res = await agent.get('/connexion/verification');
    expect(res.status).toBe(303);
    expect(res.headers.location).toBe('/connexion');
  });

  it('when nobody gave a password, then the code and enrolment pages send back to the login', async () => {
    for (const url of ['/connexion/verification', '/connexion/activation']) {
      const res = await request(app).get(url);
      expect(res.status).toBe(303);
      expect(res.headers.location).toBe('/connexion');
    }
  });
});

describe('recovery codes', () => {
  it('when an admin enrols, then ten codes are shown once, stored hashed, and each opens one login only', async () => {
    const admin = await createUser({ role: 'admin', totp: false });
    const agent = request.agent(app);
    expect((await submitLogin(agent, admin.email, admin.password)).headers.location).toBe(
      '/connexion/activation',
    );
    const { res } = await enrolAtLogin(agent);
    const codes = codesOf(res.text);
    expect(codes).toHaveLength(10);
    expect(new Set(codes).size).toBe(10);
    const stored = await UserModel.findById(admin.id).lean();
    expect(stored?.recoveryCodes).toHaveLength(10);
    for (const code of codes) expect(stored?.recoveryCodes).not.toContain(code);

    const first = request.agent(app);
    await submitLogin(first, admin.email, admin.password);
    const used = await submitCode(first, codes[3].toUpperCase().replace(/-/g, ' '));
    expect(used.status).toBe(303);
    const flash = await first.get('/moderation/compte');
    expect(flash.text).toContain('Il vous en reste 9');
    const second = request.agent(app);
    await submitLogin(second, admin.email, admin.password);
    expect((await submitCode(second, codes[3])).status).toBe(422);
    const event = await AuditEventModel.findOne({ action: 'recovery-code.used' }).lean();
    expect(event?.details).toEqual({ remaining: 9 });
  });

  // Needs atomic single-document updates from the database (the embedded FerretDB gets them from the lock proxy).
  it('when one recovery code is sent by two sessions at the same time, then exactly one logs in', async () => {
    const admin = await createUser({ role: 'admin', totp: false });
    const enrolling = request.agent(app);
    await submitLogin(enrolling, admin.email, admin.password);
    const codes = codesOf((await enrolAtLogin(enrolling)).res.text);
    const agents = [request.agent(app), request.agent(app)];
    const forms = await Promise.all(
      agents.map(async (agent) => {
        await submitLogin(agent, admin.email, admin.password);
        return csrfFrom((await agent.get('/connexion/verification')).text);
      }),
    );
    const results = await Promise.all(
      agents.map((agent, i) =>
        agent
          .post('/connexion/verification')
          .type('form')
          .send({ _csrf: forms[i], code: codes[0] }),
      ),
    );
    expect(results.map((r) => r.status).sort()).toEqual([303, 422]);
    expect((await UserModel.findById(admin.id).lean())?.recoveryCodes).toHaveLength(9);
  });

  it('when new codes are generated from the account page, then the old ones stop working', async () => {
    const admin = await createUser({ role: 'admin', totp: false });
    const agent = request.agent(app);
    await submitLogin(agent, admin.email, admin.password);
    const oldCodes = codesOf((await enrolAtLogin(agent)).res.text);
    const page = await agent.get('/moderation/compte');
    const res = await agent
      .post('/moderation/compte/codes-de-secours')
      .type('form')
      .send({ _csrf: csrfFrom(page.text) });
    const newCodes = codesOf(res.text);
    expect(newCodes).toHaveLength(10);
    const other = request.agent(app);
    await submitLogin(other, admin.email, admin.password);
    expect((await submitCode(other, oldCodes[0])).status).toBe(422);
    expect((await submitCode(other, newCodes[0])).status).toBe(303);
  });
});

describe('enrolment', () => {
  it('when an admin logs in for the first time, then the QR code is an image made by the server and the secret is given as text', async () => {
    const admin = await createUser({ role: 'admin', totp: false });
    const agent = request.agent(app);
    await submitLogin(agent, admin.email, admin.password);
    const page = await agent.get('/connexion/activation');
    expect(page.status).toBe(200);
    expect(page.text).toMatch(/<img class="qr-code" src="data:image\/png;base64,[A-Za-z0-9+/=]+"/);
    expect(secretOf(page.text)).toMatch(/^[A-Z2-7]{32}$/);
    expect(page.text).not.toMatch(/https?:\/\/(?!127\.0\.0\.1)[^"]*qr/i);
    expect((await agent.get('/moderation/compte')).status).toBe(302);
  });

  it('when the first code is wrong, then 422 with the same secret; when it is right, then the admin is logged in with TOTP stored', async () => {
    const admin = await createUser({ role: 'admin', totp: false });
    const agent = request.agent(app);
    await submitLogin(agent, admin.email, admin.password);
    const page = await agent.get('/connexion/activation');
    const secret = secretOf(page.text);
    const wrong = await agent
      .post('/connexion/activation')
      .type('form')
      .send({ _csrf: csrfFrom(page.text), code: 'abcdef' });
    expect(wrong.status).toBe(422);
    expect(secretOf(wrong.text)).toBe(secret);
    expect((await UserModel.findById(admin.id).lean())?.totpEnabled).toBe(false);
    const right = await agent
      .post('/connexion/activation')
      .type('form')
      .send({ _csrf: csrfFrom(wrong.text), code: totpCode(secret) });
    expect(right.status).toBe(200);
    expect(right.text).toContain('Vos codes de secours');
    const stored = await UserModel.findById(admin.id).lean();
    expect(stored?.totpEnabled).toBe(true);
    expect(stored?.totp?.secret).toBe(secret);
    expect((await agent.get('/moderation/utilisateurs')).status).toBe(200);
    expect(await AuditEventModel.countDocuments({ action: 'totp.enabled' })).toBe(1);
  });

  it('when a moderator enrols from the account page, then the next login asks for a code, and disabling needs the password', async () => {
    const { agent, user } = await loginAs(app, { role: 'moderator' });
    const page = await agent.get('/moderation/compte/double-authentification');
    const secret = secretOf(page.text);
    const enrolled = await agent
      .post('/moderation/compte/double-authentification')
      .type('form')
      .send({ _csrf: csrfFrom(page.text), code: totpCode(secret) });
    expect(codesOf(enrolled.text)).toHaveLength(10);
    expect((await agent.get('/moderation/compte')).text).toContain('Activée');

    const next = request.agent(app);
    expect((await submitLogin(next, user.email, user.password)).headers.location).toBe(
      '/connexion/verification',
    );

    const account = await agent.get('/moderation/compte');
    const refused = await agent
      .post('/moderation/compte/double-authentification/desactivation')
      .type('form')
      .send({ _csrf: csrfFrom(account.text), disablePassword: 'pas-le-bon-mot-de-passe' });
    expect(refused.status).toBe(422);
    expect(refused.text).toContain('Le mot de passe est incorrect');
    const disabled = await agent
      .post('/moderation/compte/double-authentification/desactivation')
      .type('form')
      .send({ _csrf: csrfFrom(refused.text), disablePassword: user.password });
    expect(disabled.status).toBe(303);
    expect((await UserModel.findById(user.id).lean())?.totpEnabled).toBe(false);
    expect(
      (await submitLogin(request.agent(app), user.email, user.password)).headers.location,
    ).toBe('/moderation');
  });

  it('when an admin tries to disable their second factor, then 403 and it stays on', async () => {
    const { agent, user, csrf } = await loginAs(app, { role: 'admin' });
    const res = await agent
      .post('/moderation/compte/double-authentification/desactivation')
      .type('form')
      .send({ _csrf: await csrf(), disablePassword: user.password });
    expect(res.status).toBe(403);
    expect((await UserModel.findById(user.id).lean())?.totpEnabled).toBe(true);
  });

  it('when a moderator is made admin while signed in without a second factor, then the session ends and the next login asks to enrol', async () => {
    const moderator = await loginAs(app, { role: 'moderator' });
    await UserModel.updateOne({ _id: moderator.user.id }, { $set: { role: 'admin' } });
    expect((await moderator.agent.get('/moderation/compte')).status).toBe(302);
    const res = await submitLogin(
      request.agent(app),
      moderator.user.email,
      moderator.user.password,
    );
    expect(res.headers.location).toBe('/connexion/activation');
  });
});
