import request from 'supertest';
import { AuditEventModel } from '../../../src/audit/audit.model';
import { UserModel } from '../../../src/accounts/user.model';
import { buildTestApp, captureMailer } from '../../helpers/app';
import { createUser, loginAs, sessions, submitLogin } from '../../helpers/auth';
import { clearDatabase, useTestDatabase } from '../../helpers/db';
import { csrfFrom } from '../../helpers/respondent';

useTestDatabase();
const mailer = captureMailer();
const { app } = buildTestApp({ BASE_URL: 'https://bp.exemple.fr' }, { mailer });
afterEach(async () => {
  await clearDatabase();
  mailer.sent.length = 0;
});

const newPassword = 'une phrase de passe assez longue';

async function setPassword(path: string, password: string, confirmation = password) {
  const agent = request.agent(app);
  const page = await agent.get(path);
  if (page.status !== 200) return page;
  return agent
    .post(path)
    .type('form')
    .send({ _csrf: csrfFrom(page.text), password, confirmation });
}

async function invite(email: string, fields: Record<string, string | string[]> = {}) {
  const admin = await loginAs(app, { role: 'admin' });
  const res = await admin.agent
    .post('/moderation/utilisateurs/inviter')
    .type('form')
    .send({
      _csrf: await admin.csrf('/moderation/utilisateurs/inviter'),
      email,
      name: 'Camille Martin',
      role: 'moderator',
      ...fields,
    });
  return { admin, res };
}

describe('invitations', () => {
  it('when an admin invites a moderator, then a French e-mail carries a one-time link with which they choose a password and log in', async () => {
    const { res } = await invite('Camille.Martin@Exemple.fr', { regions: ['24', '28'] });
    expect(res.status).toBe(303);
    const stored = await UserModel.findOne({ email: 'camille.martin@exemple.fr' }).lean();
    expect(stored).toMatchObject({ role: 'moderator', regions: ['24', '28'], passwordHash: null });
    expect(stored?.passwordLink?.expiresAt.getTime()).toBeGreaterThan(Date.now() + 71 * 3_600_000);

    const [mail] = mailer.sent;
    expect(mail.to).toBe('camille.martin@exemple.fr');
    expect(mail.subject).toContain('Invitation');
    expect(mail.text).toContain('valable 72 heures');
    const path = mailer.linkTo('camille.martin@exemple.fr');
    expect(path).toMatch(/^\/mot-de-passe\/nouveau\/[\w-]{43}$/);
    expect(stored?.passwordLink?.hash).not.toContain(path.split('/').pop());

    const page = await request(app).get(path);
    expect(page.text).toContain('Activer votre compte');
    expect((await setPassword(path, newPassword)).headers.location).toBe('/connexion');
    const login = await submitLogin(request.agent(app), 'camille.martin@exemple.fr', newPassword);
    expect(login.headers.location).toBe('/moderation');
    expect(await AuditEventModel.countDocuments({ action: 'user.invited' })).toBe(1);
    expect(await AuditEventModel.countDocuments({ action: 'password.set' })).toBe(1);
  });

  it('when the link is used a second time, then it is refused and the first password stays', async () => {
    await invite('deux-fois@exemple.fr');
    const path = mailer.linkTo('deux-fois@exemple.fr');
    expect((await setPassword(path, newPassword)).status).toBe(303);
    const again = await setPassword(path, 'un autre mot de passe long');
    expect(again.status).toBe(404);
    expect(again.text).toContain('Ce lien n’est plus valable');
    expect(
      (await submitLogin(request.agent(app), 'deux-fois@exemple.fr', newPassword)).status,
    ).toBe(303);
  });

  it('when the link is older than 72 hours, then it is refused', async () => {
    await invite('tard@exemple.fr');
    await UserModel.updateOne(
      { email: 'tard@exemple.fr' },
      { $set: { 'passwordLink.expiresAt': new Date(Date.now() - 1000) } },
    );
    const res = await request(app).get(mailer.linkTo('tard@exemple.fr'));
    expect(res.status).toBe(404);
    expect(res.text).toContain('Ce lien n’est plus valable');
  });

  it('when the new password is too short or the confirmation differs, then 422 with a message beside each field', async () => {
    await invite('court@exemple.fr');
    const path = mailer.linkTo('court@exemple.fr');
    const short = await setPassword(path, 'trop-court');
    expect(short.status).toBe(422);
    expect(short.text).toContain('au moins 12 caractères');
    const different = await setPassword(path, newPassword, `${newPassword}!`);
    expect(different.status).toBe(422);
    expect(different.text).toContain('ne sont pas identiques');
    expect(
      (await UserModel.findOne({ email: 'court@exemple.fr' }).lean())?.passwordHash,
    ).toBeNull();
  });

  it('when the e-mail is already an account or malformed, then 422 with the values kept', async () => {
    const existing = await createUser();
    const { res } = await invite(existing.email);
    expect(res.status).toBe(422);
    expect(res.text).toContain('Un compte existe déjà');
    expect(res.text).toContain('value="Camille Martin"');
    const bad = await invite('camille@@exemple', { regions: ['99'] });
    expect(bad.res.status).toBe(422);
    expect(bad.res.text).toContain('Saisissez une adresse e-mail valide');
    expect(bad.res.text).toContain('Choisissez des régions de la liste');
    expect(bad.res.text).toContain('value="camille@@exemple"');
    expect(mailer.sent).toHaveLength(0);
  });
});

describe('« mot de passe oublié »', () => {
  async function ask(email: string) {
    const agent = request.agent(app);
    const page = await agent.get('/mot-de-passe-oublie');
    return agent
      .post('/mot-de-passe-oublie')
      .type('form')
      .send({ _csrf: csrfFrom(page.text), email });
  }

  it('when an existing and an unknown address ask, then the answer is the same and only the account gets an e-mail', async () => {
    const user = await createUser();
    const known = await ask(user.email);
    const unknown = await ask('personne@exemple.fr');
    expect(known.status).toBe(303);
    expect(unknown.status).toBe(303);
    expect(known.headers.location).toBe(unknown.headers.location);
    expect(mailer.sent.map((m) => m.to)).toEqual([user.email]);
    expect(mailer.sent[0].text).toContain('valable une heure');
  });

  it('when the reset link is used, then the new password works, the old one and every other session stop, and the lockout is lifted', async () => {
    const { agent: other, user } = await loginAs(app);
    const otherSession = await sessions().countDocuments();
    expect(otherSession).toBe(1);
    await UserModel.updateOne(
      { _id: user.id },
      { $set: { 'login.lockedUntil': new Date(Date.now() + 600_000) } },
    );
    await ask(user.email);
    expect((await setPassword(mailer.linkTo(user.email), newPassword)).status).toBe(303);
    expect((await other.get('/moderation/compte')).status).toBe(302);
    expect((await submitLogin(request.agent(app), user.email, user.password)).status).toBe(422);
    expect((await submitLogin(request.agent(app), user.email, newPassword)).status).toBe(303);
  });

  it('when the reset link is older than one hour, or used twice, then it is refused', async () => {
    const user = await createUser();
    await ask(user.email);
    const path = mailer.linkTo(user.email);
    await UserModel.updateOne(
      { _id: user.id },
      { $set: { 'passwordLink.expiresAt': new Date(Date.now() - 1000) } },
    );
    expect((await setPassword(path, newPassword)).status).toBe(404);
    await UserModel.updateOne({ _id: user.id }, { $set: { passwordLink: null } });
    await ask(user.email);
    const fresh = mailer.linkTo(user.email);
    expect((await setPassword(fresh, newPassword)).status).toBe(303);
    expect((await setPassword(fresh, 'encore un autre mot de passe')).status).toBe(404);
  });

  it('when the same address asks again within five minutes, then no second e-mail is sent', async () => {
    const user = await createUser();
    await ask(user.email);
    await ask(user.email);
    expect(mailer.sent).toHaveLength(1);
  });

  it('when more than five requests come from one address, then 429', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++) statuses.push((await ask(`x${i}@exemple.fr`)).status);
    expect(statuses).toEqual([303, 303, 303, 303, 303, 429]);
  });

  it('when the e-mail field is malformed or repeated, then 422, never a 500', async () => {
    const agent = request.agent(app);
    const page = await agent.get('/mot-de-passe-oublie');
    const res = await agent
      .post('/mot-de-passe-oublie')
      .type('form')
      .send(`_csrf=${encodeURIComponent(csrfFrom(page.text))}&email=a@b.fr&email=c@d.fr`);
    expect(res.status).toBe(422);
    expect(res.text).toContain('Saisissez une adresse e-mail valide');
  });
});
