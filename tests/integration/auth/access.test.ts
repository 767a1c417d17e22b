import request from 'supertest';
import { UserModel } from '../../../src/accounts/user.model';
import { buildTestApp, captureMailer } from '../../helpers/app';
import { createUser, loginAs, type SignedIn } from '../../helpers/auth';
import { useTestDatabase } from '../../helpers/db';

/**
 * Every route this half of the back office adds, for each kind of visitor. The accounts are made
 * once for the file; the POSTs that would change something are sent by people who may not.
 */
useTestDatabase();
const { app } = buildTestApp({}, { mailer: captureMailer() });

let people: Record<'moderator' | 'regional' | 'admin' | 'disabled', SignedIn>;
let targetId: string;
beforeAll(async () => {
  people = {
    moderator: await loginAs(app, { role: 'moderator' }),
    regional: await loginAs(app, { role: 'moderator', regions: ['24'] }),
    admin: await loginAs(app, { role: 'admin' }),
    disabled: await loginAs(app, { role: 'moderator' }),
  };
  await UserModel.updateOne(
    { _id: people.disabled.user.id },
    { $set: { active: false }, $inc: { authVersion: 1 } },
  );
  targetId = (await createUser({ role: 'moderator', regions: ['11'] })).id;
});

const pagesForUsers = ['/moderation/compte', '/moderation/compte/double-authentification'];
const pagesForAdmins = () => [
  '/moderation/utilisateurs',
  '/moderation/utilisateurs/inviter',
  `/moderation/utilisateurs/${targetId}`,
  '/moderation/journal',
];
const adminPosts = () => [
  '/moderation/utilisateurs/inviter',
  `/moderation/utilisateurs/${targetId}`,
  `/moderation/utilisateurs/${targetId}/invitation`,
  `/moderation/utilisateurs/${targetId}/double-authentification`,
];
const userPosts = [
  '/moderation/compte/mot-de-passe',
  '/moderation/compte/double-authentification',
  '/moderation/compte/codes-de-secours',
  '/moderation/compte/double-authentification/desactivation',
];

describe('anonymous visitors and disabled accounts', () => {
  it('when they open any back-office page, then they are sent to the login page, which brings them back', async () => {
    for (const url of [...pagesForUsers, ...pagesForAdmins()]) {
      for (const agent of [request(app), people.disabled.agent]) {
        const res = await agent.get(url);
        expect({ url, status: res.status }).toEqual({ url, status: 302 });
        expect(res.headers.location).toBe(`/connexion?retour=${encodeURIComponent(url)}`);
      }
    }
  });

  it('when they ask for JSON, then 401 in JSON', async () => {
    for (const url of [...pagesForUsers, ...pagesForAdmins()]) {
      const res = await request(app).get(url).set('Accept', 'application/json');
      expect({ url, status: res.status, body: res.body.error?.status }).toEqual({
        url,
        status: 401,
        body: 401,
      });
    }
  });

  it('when they post to any back-office form, then nothing happens and they are sent to the login page', async () => {
    for (const url of [...userPosts, ...adminPosts()]) {
      const res = await request(app).post(url).type('form').send({ role: 'admin', active: 'oui' });
      expect({ url, status: res.status, location: res.headers.location }).toEqual({
        url,
        status: 302,
        location: '/connexion',
      });
    }
    expect((await UserModel.findById(targetId).lean())?.role).toBe('moderator');
  });
});

describe('moderators (national and regional)', () => {
  it('when they open their account pages, then 200', async () => {
    for (const who of ['moderator', 'regional'] as const) {
      for (const url of pagesForUsers) {
        const res = await people[who].agent.get(url);
        expect({ who, url, status: res.status }).toEqual({ who, url, status: 200 });
      }
    }
  });

  it('when they open an admin page or an account by its id, then 403 (JSON 403), and the navigation hides those links', async () => {
    for (const who of ['moderator', 'regional'] as const) {
      for (const url of pagesForAdmins()) {
        const res = await people[who].agent.get(url);
        expect({ who, url, status: res.status }).toEqual({ who, url, status: 403 });
        expect(res.text).toContain('Cette page est réservée aux administrateurs.');
        const json = await people[who].agent.get(url).set('Accept', 'application/json');
        expect(json.status).toBe(403);
      }
      const account = await people[who].agent.get('/moderation/compte');
      expect(account.text).not.toContain('href="/moderation/utilisateurs"');
      expect(account.text).not.toContain('href="/moderation/journal"');
      expect(account.text).toContain('href="/moderation/compte" aria-current="page"');
    }
  });

  it('when they post an admin form with a valid CSRF token, then 403 and nothing changes', async () => {
    const { agent, csrf } = people.regional;
    const token = await csrf();
    for (const url of adminPosts()) {
      const res = await agent
        .post(url)
        .type('form')
        .send({ _csrf: token, name: 'X', role: 'admin', active: 'non', email: 'y@exemple.fr' });
      expect({ url, status: res.status }).toEqual({ url, status: 403 });
    }
    const target = await UserModel.findById(targetId).lean();
    expect(target).toMatchObject({ role: 'moderator', active: true, regions: ['11'] });
    expect(await UserModel.countDocuments({ email: 'y@exemple.fr' })).toBe(0);
  });
});

describe('admins', () => {
  it('when they open every back-office page of this half, then 200 with every link in the navigation', async () => {
    for (const url of ['/moderation/compte', ...pagesForAdmins()]) {
      const res = await people.admin.agent.get(url);
      expect({ url, status: res.status }).toEqual({ url, status: 200 });
    }
    // Already enrolled (admins must be): the enrolment page sends back to the account page.
    const enrol = await people.admin.agent.get('/moderation/compte/double-authentification');
    expect(enrol.headers.location).toBe('/moderation/compte');
    const page = await people.admin.agent.get('/moderation/journal');
    for (const href of ['/moderation/journal', '/moderation/utilisateurs', '/moderation/compte']) {
      expect(page.text).toContain(`href="${href}"`);
    }
  });

  it('when they open an account id that does not exist or is not an id, then a 404 page in the back-office layout', async () => {
    for (const id of ['0123456789abcdef01234567', 'pas-un-id', '{"$ne":1}']) {
      const res = await people.admin.agent.get(
        `/moderation/utilisateurs/${encodeURIComponent(id)}`,
      );
      expect({ id, status: res.status }).toEqual({ id, status: 404 });
      expect(res.text).toContain('Ce compte n’existe pas');
      expect(res.text).toContain('class="back-office-nav"');
    }
    const unknown = await people.admin.agent.get('/moderation/nulle-part');
    expect(unknown.status).toBe(404);
    expect(unknown.text).toContain('<h1>Page introuvable</h1>');
  });
});
