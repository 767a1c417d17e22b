import request from 'supertest';
import * as passwords from '../../src/accounts/password';
import { UserModel } from '../../src/accounts/user.model';
import { buildTestApp } from '../helpers/app';
import { createUser, submitLogin } from '../helpers/auth';
import { clearDatabase, useTestDatabase } from '../helpers/db';
import { csrfFrom } from '../helpers/respondent';
import type { Mailer, MailMessage } from '../../src/lib/mail';

// Whether an address has an account must not show in the answers, nor in their time: the same
// page for every case, the same costly work (one argon2 verification at login), and e-mails sent
// once the answer is out. Speed belongs in the bench: here each case is shown to do the same work.

// The real argon2 functions, counted.
jest.mock('../../src/accounts/password', () => {
  const actual = jest.requireActual('../../src/accounts/password');
  return { ...actual, verifyPassword: jest.fn(actual.verifyPassword) };
});
const verifications = passwords.verifyPassword as jest.MockedFunction<
  typeof passwords.verifyPassword
>;

useTestDatabase();
afterEach(clearDatabase);

describe('« mot de passe oublié »', () => {
  it('when sending the e-mail never finishes, then the answer still comes, the same for a known and an unknown address', async () => {
    const handed: MailMessage[] = [];
    const stuck: Mailer = {
      kind: 'outbox',
      send: (message) => {
        handed.push(message);
        return new Promise<void>(() => undefined);
      },
    };
    const { app } = buildTestApp({}, { mailer: stuck });
    const user = await createUser();
    const ask = async (email: string) => {
      const agent = request.agent(app);
      const page = await agent.get('/mot-de-passe-oublie');
      return agent
        .post('/mot-de-passe-oublie')
        .timeout(10_000)
        .type('form')
        .send({ _csrf: csrfFrom(page.text), email });
    };
    const known = await ask(user.email);
    const unknown = await ask('personne@exemple.fr');
    expect([known.status, unknown.status]).toEqual([303, 303]);
    expect(known.headers.location).toBe(unknown.headers.location);
    expect(handed.map((m) => m.to)).toEqual([user.email]);
  });
});

describe('login', () => {
  it('when the address is unknown, the account locked, disabled or the password wrong, then each attempt verifies one password hash and gets the same answer', async () => {
    const { app } = buildTestApp();
    const locked = await createUser();
    await UserModel.updateOne(
      { _id: locked.id },
      { $set: { 'login.lockedUntil': new Date(Date.now() + 600_000) } },
    );
    const disabled = await createUser({ active: false });
    const wrong = await createUser();
    const answers: string[] = [];
    const counts: number[] = [];
    for (const email of ['personne@exemple.fr', locked.email, disabled.email, wrong.email]) {
      verifications.mockClear();
      const res = await submitLogin(request.agent(app), email, 'un-mauvais-mot-de-passe');
      counts.push(verifications.mock.calls.length);
      answers.push(`${res.status} ${/Adresse e-mail ou mot de passe incorrect/.test(res.text)}`);
    }
    expect(counts).toEqual([1, 1, 1, 1]);
    expect(new Set(answers)).toEqual(new Set(['422 true']));
  });
});
