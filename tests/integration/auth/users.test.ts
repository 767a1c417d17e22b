import request from 'supertest';
import { AuditEventModel } from '../../../src/audit/audit.model';
import { UserModel } from '../../../src/accounts/user.model';
import { buildTestApp, captureMailer } from '../../helpers/app';
import { codeFor, createUser, loginAs, submitLogin } from '../../helpers/auth';
import { clearDatabase, useTestDatabase } from '../../helpers/db';

useTestDatabase();
afterEach(clearDatabase);
const mailer = captureMailer();
const { app } = buildTestApp({}, { mailer });

describe('users page (admins)', () => {
  it('when an admin lists the accounts, then each shows its role, régions, second factor and state', async () => {
    const admin = await loginAs(app, { role: 'admin' });
    await createUser({ role: 'moderator', regions: ['24'], name: 'Coordination Centre' });
    await createUser({ active: false, name: 'Ancien compte' });
    const res = await admin.agent.get('/moderation/utilisateurs');
    expect(res.status).toBe(200);
    expect(res.text).toContain('Coordination Centre');
    expect(res.text).toContain('Centre-Val de Loire');
    expect(res.text).toContain('Désactivé');
    expect(res.text).toContain('Administrateur');
  });

  it('when an admin changes role and régions, then they apply at once and the change is logged with its details', async () => {
    const admin = await loginAs(app, { role: 'admin' });
    const moderator = await loginAs(app, { role: 'moderator' });
    const res = await admin.agent
      .post(`/moderation/utilisateurs/${moderator.user.id}`)
      .type('form')
      .send({
        _csrf: await admin.csrf(),
        name: 'Camille Martin',
        role: 'moderator',
        regions: ['24', '28'],
        active: 'oui',
      });
    expect(res.status).toBe(303);
    expect((await admin.agent.get('/moderation/utilisateurs')).text).toContain(
      'Compte de ' + moderator.user.email + ' enregistré',
    );
    const account = await moderator.agent.get('/moderation/compte');
    expect(account.text).toContain('Centre-Val de Loire, Normandie');
    const event = await AuditEventModel.findOne({ action: 'user.updated' }).lean();
    expect(event?.target?.label).toBe(moderator.user.email);
    expect(event?.details).toEqual({ name: 'Camille Martin', regions: '24, 28' });
  });

  it('when an admin is given régions, then they are not stored (admins see every région)', async () => {
    const admin = await loginAs(app, { role: 'admin' });
    const other = await createUser({ role: 'moderator', regions: ['24'] });
    await admin.agent
      .post(`/moderation/utilisateurs/${other.id}`)
      .type('form')
      .send({ _csrf: await admin.csrf(), name: 'X', role: 'admin', regions: '24', active: 'oui' });
    expect((await UserModel.findById(other.id).lean())?.regions).toEqual([]);
  });

  it('when an admin tries to remove their own admin role or disable themself, then 422 and nothing changes', async () => {
    const admin = await loginAs(app, { role: 'admin' });
    const res = await admin.agent
      .post(`/moderation/utilisateurs/${admin.user.id}`)
      .type('form')
      .send({ _csrf: await admin.csrf(), name: 'Moi', role: 'moderator', active: 'non' });
    expect(res.status).toBe(422);
    expect(res.text).toContain('Vous ne pouvez pas retirer votre propre rôle');
    expect((await UserModel.findById(admin.user.id).lean())?.role).toBe('admin');
  });

  it('when the edit form holds hostile values, then 422 with messages, never a 500, nothing stored', async () => {
    const admin = await loginAs(app, { role: 'admin' });
    const other = await createUser();
    const csrf = await admin.csrf();
    const res = await admin.agent
      .post(`/moderation/utilisateurs/${other.id}`)
      .type('form')
      .send(
        `_csrf=${encodeURIComponent(csrf)}&name[$ne]=x&role=admin&role=moderator&regions=__proto__&active=peut-etre`,
      );
    expect(res.status).toBe(422);
    expect(res.text).toContain('Choisissez un rôle');
    expect(res.text).toContain('Choisissez des régions de la liste');
    expect(res.text).toContain('Indiquez si le compte est actif');
    expect((await UserModel.findById(other.id).lean())?.role).toBe('moderator');
  });

  it('when an invitation is sent again, then the previous link stops working', async () => {
    const admin = await loginAs(app, { role: 'admin' });
    const csrf = await admin.csrf('/moderation/utilisateurs/inviter');
    await admin.agent
      .post('/moderation/utilisateurs/inviter')
      .type('form')
      .send({ _csrf: csrf, email: 'relance@exemple.fr', name: 'Relance', role: 'moderator' });
    const first = mailer.linkTo('relance@exemple.fr');
    const id = String((await UserModel.findOne({ email: 'relance@exemple.fr' }).lean())!._id);
    const resend = await admin.agent
      .post(`/moderation/utilisateurs/${id}/invitation`)
      .type('form')
      .send({ _csrf: await admin.csrf() });
    expect(resend.status).toBe(303);
    expect(mailer.linkTo('relance@exemple.fr')).not.toBe(first);
    expect((await request(app).get(first)).status).toBe(404);
  });

  it('when an admin resets someone’s second factor, then their sessions end and the next login asks to enrol', async () => {
    const admin = await loginAs(app, { role: 'admin' });
    const other = await loginAs(app, { role: 'admin' });
    const res = await admin.agent
      .post(`/moderation/utilisateurs/${other.user.id}/double-authentification`)
      .type('form')
      .send({ _csrf: await admin.csrf() });
    expect(res.status).toBe(303);
    expect((await other.agent.get('/moderation/compte')).status).toBe(302);
    const again = await submitLogin(request.agent(app), other.user.email, other.user.password);
    expect(again.headers.location).toBe('/connexion/activation');
    expect(codeFor(other.user)).toMatch(/^\d{6}$/);
    expect(await AuditEventModel.countDocuments({ action: 'totp.reset' })).toBe(1);
  });
});

describe('account page', () => {
  it('when the password is changed, then the other sessions end, this one goes on with a new id, and the new password works', async () => {
    const first = await loginAs(app, { role: 'moderator' });
    const second = request.agent(app);
    await submitLogin(second, first.user.email, first.user.password);
    const res = await first.agent
      .post('/moderation/compte/mot-de-passe')
      .type('form')
      .send({
        _csrf: await first.csrf(),
        current: first.user.password,
        password: 'nouvelle phrase de passe',
        confirmation: 'nouvelle phrase de passe',
      });
    expect(res.status).toBe(303);
    const page = await first.agent.get('/moderation/compte');
    expect(page.status).toBe(200);
    expect(page.text).toContain('Mot de passe modifié');
    expect((await second.get('/moderation/compte')).status).toBe(302);
    expect(
      (await submitLogin(request.agent(app), first.user.email, 'nouvelle phrase de passe')).status,
    ).toBe(303);
  });

  it('when the current password is wrong or the new one too short, then 422 with the message beside the field', async () => {
    const { agent, csrf } = await loginAs(app);
    const wrong = await agent
      .post('/moderation/compte/mot-de-passe')
      .type('form')
      .send({
        _csrf: await csrf(),
        current: 'pas-le-mot-de-passe',
        password: 'nouvelle phrase de passe',
        confirmation: 'nouvelle phrase de passe',
      });
    expect(wrong.status).toBe(422);
    expect(wrong.text).toContain('id="current-error"');
    const short = await agent
      .post('/moderation/compte/mot-de-passe')
      .type('form')
      .send({ _csrf: await csrf(), current: 'x', password: 'court', confirmation: 'court' });
    expect(short.status).toBe(422);
    expect(short.text).toContain('au moins 12 caractères');
  });
});

describe('npm run create-admin (upsertUser)', () => {
  it('when an existing admin is reset with --sans-2fa, then the password is replaced, the lockout lifted, the second factor removed and open sessions end', async () => {
    const { upsertUser } = await import('../../../src/accounts/user.service');
    const admin = await loginAs(app, { role: 'admin' });
    await UserModel.updateOne(
      { _id: admin.user.id },
      { $set: { 'login.lockedUntil': new Date(Date.now() + 600_000) } },
    );
    expect(
      await upsertUser(admin.user.email, 'mot de passe de secours', 'admin', {
        resetSecondFactor: true,
      }),
    ).toBe(false);
    expect((await admin.agent.get('/moderation/compte')).status).toBe(302);
    const stored = await UserModel.findById(admin.user.id).lean();
    expect(stored).toMatchObject({ totpEnabled: false, totp: null, recoveryCodes: [] });
    const res = await submitLogin(request.agent(app), admin.user.email, 'mot de passe de secours');
    expect(res.headers.location).toBe('/connexion/activation');
  });
});
