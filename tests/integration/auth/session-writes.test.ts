import mongoose from 'mongoose';
import { UserModel } from '../../../src/accounts/user.model';
import { buildTestApp } from '../../helpers/app';
import { loginAs, sessionIdOf, sessions } from '../../helpers/auth';
import { clearDatabase, useTestDatabase } from '../../helpers/db';
import { insertResponse } from '../../helpers/responses';

useTestDatabase();
afterEach(clearDatabase);
const { app } = buildTestApp();

/**
 * The calls of one driver method (the driver Mongoose, and so the session store, uses) on one
 * collection while `act` runs: each is a command sent to the database.
 */
async function callsDuring(
  method: 'updateOne' | 'find',
  collection: string,
  act: () => Promise<unknown>,
): Promise<number> {
  const calls = jest.spyOn(mongoose.mongo.Collection.prototype, method);
  try {
    await act();
    return calls.mock.contexts.filter(
      (c) => (c as { collectionName: string }).collectionName === collection,
    ).length;
  } finally {
    calls.mockRestore();
  }
}
const sessionUpdatesDuring = (act: () => Promise<unknown>) =>
  callsDuring('updateOne', 'sessions', act);
// The driver's findOne is a find.
const accountReadsDuring = (act: () => Promise<unknown>) => callsDuring('find', 'users', act);

describe('session writes', () => {
  it('when a moderator changes a status, then the session holding its message is written once, and the next page shows the message once', async () => {
    const alice = await loginAs(app, { role: 'moderator' });
    const { id } = await insertResponse({ status: 'recue' });
    const csrf = await alice.csrf(`/moderation/reponses/${id}`);
    let status = 0;
    const writes = await sessionUpdatesDuring(async () => {
      const res = await alice.agent
        .post(`/moderation/reponses/${id}/statut`)
        .type('form')
        .send({ _csrf: csrf, depuis: 'recue', statut: 'en-examen', motif: '' });
      status = res.status;
    });
    expect(status).toBe(303);
    expect(writes).toBe(1);
    const stored = await sessions().findOne({ _id: sessionIdOf(alice.agent)! });
    expect(stored!.session).toContain('Statut changé');
    const page = await alice.agent.get(`/moderation/reponses/${id}`);
    expect(page.text).toContain('Statut changé');
    const again = await alice.agent.get(`/moderation/reponses/${id}`);
    expect(again.text).not.toContain('Statut changé');
  });

  it('when a signed-in page is read, then the session is not written', async () => {
    const alice = await loginAs(app, { role: 'moderator' });
    await alice.agent.get('/moderation');
    const writes = await sessionUpdatesDuring(() => alice.agent.get('/moderation'));
    expect(writes).toBe(0);
  });
});

describe('account reads', () => {
  it('when a signed-in moderator reads pages, then the account is read once, and again only after it was written', async () => {
    const alice = await loginAs(app, { role: 'moderator' });
    await alice.agent.get('/moderation');
    const held = await accountReadsDuring(async () => {
      for (const page of ['/moderation', '/moderation/fiches', '/moderation']) {
        expect((await alice.agent.get(page)).status).toBe(200);
      }
    });
    expect(held).toBe(0);
    await UserModel.updateOne({ _id: alice.user.id }, { $set: { name: 'Alice Renommée' } });
    let page = '';
    const after = await accountReadsDuring(async () => {
      page = (await alice.agent.get('/moderation')).text;
    });
    expect(after).toBe(1);
    expect(page).toContain('Alice Renommée');
    await UserModel.updateOne({ _id: alice.user.id }, { $set: { active: false } });
    const refused = await alice.agent.get('/moderation');
    expect(refused.status).toBe(302);
    expect(refused.headers.location).toMatch(/^\/connexion/);
  });
});
