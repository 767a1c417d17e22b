import { createApp } from '../../../src/app';
import { loadConfig } from '../../../src/lib/config';
import type { MailMessage } from '../../../src/lib/mail';
import { createLogger } from '../../../src/lib/logger';
import { sections } from '../../../src/questionnaire/questionnaire';
import { ResponseModel } from '../../../src/questionnaire/response.model';
import { clearDatabase, useTestDatabase } from '../../helpers/db';
import { csrfFrom, Respondent, validAnswers } from '../../helpers/respondent';

useTestDatabase();
jest.setTimeout(60_000);

/** The app with a mailer that records what it sends. */
const sent: MailMessage[] = [];
const app = createApp({
  config: loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent' }),
  logger: createLogger('silent'),
  mailer: { kind: 'outbox', send: async (message) => void sent.push(message) },
});

afterEach(async () => {
  await clearDatabase();
  sent.length = 0;
});

/** A complete draft whose review page is open: ready to press « Envoyer ». */
async function readyToSend(email: string) {
  const respondent = new Respondent(app);
  await respondent.start();
  for (const section of sections) {
    const answers = validAnswers[section.slug];
    await respondent.save(
      section.slug,
      section.slug === 'repondant' ? { ...answers, emailRepondant: email } : answers,
    );
  }
  const review = await respondent.agent.get(respondent.path('/verification'));
  const csrf = csrfFrom(review.text);
  const send = () =>
    respondent.agent.post(respondent.path('/envoyer')).type('form').send({ _csrf: csrf });
  return { respondent, send };
}

const referenceIn = (text: string) => /BP-\d{4}-\d{5}/.exec(text)?.[0];

describe('sending at the same time', () => {
  it('when one draft is sent 10 times at once, then every send shows the one stored reference and one e-mail goes out', async () => {
    const { respondent, send } = await readyToSend('camille.martin@exemple.fr');

    const results = await Promise.all(Array.from({ length: 10 }, send));

    expect(results.map((r) => r.headers.location)).toEqual(
      Array(10).fill(respondent.path('/confirmation')),
    );
    const stored = await ResponseModel.findOne({}).lean();
    expect(stored?.reference).toMatch(/^BP-\d{4}-\d{5}$/);
    expect(sent.map((m) => [m.to, referenceIn(m.subject)])).toEqual([
      ['camille.martin@exemple.fr', stored?.reference],
    ]);
    const confirmation = await respondent.agent.get(respondent.path('/confirmation'));
    expect(referenceIn(confirmation.text)).toBe(stored?.reference);
  });

  it('when 6 drafts are sent at once, then they get 6 distinct references and each person gets one e-mail with theirs', async () => {
    const drafts = [];
    for (let i = 1; i <= 6; i++) drafts.push(await readyToSend(`personne${i}@exemple.fr`));

    const results = await Promise.all(drafts.map((d) => d.send()));

    expect(results.map((r) => r.status)).toEqual(Array(6).fill(303));
    const stored = await ResponseModel.find(
      {},
      'contactEmail answers.emailRepondant reference',
    ).lean();
    const references = stored.map((r) => r.reference);
    expect(new Set(references).size).toBe(6);
    const expected = stored
      .map((r) => [r.answers.emailRepondant, r.reference])
      .sort((a, b) => String(a[0]).localeCompare(String(b[0])));
    const mailed = sent
      .map((m) => [m.to, referenceIn(m.subject)])
      .sort((a, b) => String(a[0]).localeCompare(String(b[0])));
    expect(mailed).toEqual(expected);
  });
});
