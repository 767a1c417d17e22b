import mongoose from 'mongoose';
import { buildTestApp } from '../../helpers/app';
import { loginAs, sessionIdOf, sessions } from '../../helpers/auth';
import { clearDatabase, useTestDatabase } from '../../helpers/db';
import { insertResponse } from '../../helpers/responses';

useTestDatabase();
afterEach(clearDatabase);
const { app } = buildTestApp();

/** The updates sent to the sessions collection while `act` runs (each goes to the database). */
async function sessionUpdatesDuring(act: () => Promise<unknown>): Promise<number> {
  // The driver Mongoose (and so the session store) uses.
  const { Collection } = mongoose.mongo;
  const updates = jest.spyOn(Collection.prototype, 'updateOne');
  try {
    await act();
    return updates.mock.contexts.filter(
      (c) => (c as { collectionName: string }).collectionName === 'sessions',
    ).length;
  } finally {
    updates.mockRestore();
  }
}

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
