import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import request from 'supertest';
import { sections } from '../../../src/questionnaire/questionnaire';
import { recordOlderLinks } from '../../../src/questionnaire/questionnaire.migrations';
import { ResponseModel } from '../../../src/questionnaire/response.model';
import { buildTestApp } from '../../helpers/app';
import { clearDatabase, useTestDatabase } from '../../helpers/db';
import { Respondent, validAnswers } from '../../helpers/respondent';

useTestDatabase();

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'bp-journey-'));
const { app } = buildTestApp({ DATA_DIR: dataDir, BASE_URL: 'https://bp.exemple.fr' });
const outbox = () => {
  const dir = path.join(dataDir, 'outbox');
  return fs.existsSync(dir)
    ? fs.readdirSync(dir).map((f) => fs.readFileSync(path.join(dir, f), 'utf8'))
    : [];
};

afterEach(async () => {
  await clearDatabase();
  fs.rmSync(path.join(dataDir, 'outbox'), { recursive: true, force: true });
});
afterAll(() => fs.rmSync(dataDir, { recursive: true, force: true }));

async function completeAll(respondent: Respondent) {
  for (const section of sections) {
    const res = await respondent.save(section.slug, validAnswers[section.slug]);
    expect({ section: section.slug, status: res.status }).toEqual({
      section: section.slug,
      status: 303,
    });
  }
}

describe('questionnaire journey', () => {
  it('when the intro page is shown, then it explains purpose, time, publication and privacy, with « Commencer »', async () => {
    const res = await request(app).get('/questionnaire');
    expect(res.status).toBe(200);
    for (const text of [
      'À quoi sert ce questionnaire',
      'Combien de temps',
      'Ce qui sera publié',
      'Responsable du traitement',
      'Conservation',
      '>Commencer<',
    ]) {
      expect(res.text).toContain(text);
    }
  });

  it('when a person starts with an email, then a draft with an unguessable token exists and the link is emailed', async () => {
    const respondent = new Respondent(app);
    const res = await respondent.start('camille@exemple.fr');
    expect(res.status).toBe(303);
    // The response's id, then 256 bits in base64url.
    expect(respondent.token).toMatch(/^[a-f0-9]{24}[A-Za-z0-9_-]{43}$/);
    const stored = await ResponseModel.findOne({}).lean();
    expect(stored?.status).toBe('brouillon');
    expect(stored?.tokenHash).not.toContain(respondent.token);
    expect(stored?.definitionVersion).toBe(2);

    const tasks = await respondent.agent.get(respondent.path('?nouveau=1'));
    expect(tasks.text).toContain(`https://bp.exemple.fr${respondent.path()}`);
    expect(tasks.text).toContain('À faire');
    const [mail] = outbox();
    expect(mail).toContain('To: camille@exemple.fr');
    // Quoted-printable lines are folded at 76 characters (a soft break is « = » at the end).
    expect(mail.replace(/=\r?\n/g, '')).toContain(respondent.token);
  });

  it('when a link made before tokens named their response is opened, then it still works; a token naming a response with another secret is a 404', async () => {
    const older = randomBytes(32).toString('base64url');
    await ResponseModel.create({
      tokenHash: createHash('sha256').update(older).digest('hex'),
      definitionVersion: 2,
    });
    // Found through the entry the start-up migration records for the responses stored before.
    expect(await recordOlderLinks()).toBe(1);
    expect(await recordOlderLinks()).toBe(0);
    expect((await request(app).get(`/questionnaire/reprendre/${older}`)).status).toBe(200);
    const madeUp = randomBytes(32).toString('base64url');
    expect((await request(app).get(`/questionnaire/reprendre/${madeUp}`)).status).toBe(404);

    const respondent = new Respondent(app);
    await respondent.start('dominique@exemple.fr');
    const id = respondent.token.slice(0, 24);
    const forged = `${id}${randomBytes(32).toString('base64url')}`;
    expect((await request(app).get(`/questionnaire/reprendre/${forged}`)).status).toBe(404);
    const unknown = `${'0'.repeat(24)}${respondent.token.slice(24)}`;
    expect((await request(app).get(`/questionnaire/reprendre/${unknown}`)).status).toBe(404);
    expect((await request(app).get(respondent.path())).status).toBe(200);
  });

  it('when no SMTP server is configured and DEV_OUTBOX=true, then emails are listed on the development page', async () => {
    const { app: withOutbox } = buildTestApp({ DATA_DIR: dataDir, DEV_OUTBOX: 'true' });
    const respondent = new Respondent(withOutbox);
    await respondent.start('camille@exemple.fr');
    const page = await request(withOutbox).get('/dev/courriels');
    expect(page.status).toBe(200);
    expect(page.text).toContain('Votre lien pour reprendre le questionnaire');
    expect(page.text).toContain('camille@exemple.fr');
  });

  it('when DEV_OUTBOX is not set, then the outbox page does not exist, even outside production', async () => {
    await new Respondent(app).start('camille@exemple.fr');
    expect(outbox()).toHaveLength(1);
    const page = await request(app).get('/dev/courriels');
    expect(page.status).toBe(404);
    expect(page.text).not.toContain('camille@exemple.fr');
    const { app: development } = buildTestApp({ NODE_ENV: 'development', DATA_DIR: dataDir });
    expect((await request(development).get('/dev/courriels')).status).toBe(404);
  });

  it('when every page is filled and sent, then the confirmation shows a reference and an email confirms it', async () => {
    const respondent = new Respondent(app);
    await respondent.start();

    const first = await respondent.agent.get(respondent.path('/repondant'));
    expect(first.text).toContain('Étape 1 sur 10');
    await completeAll(respondent);

    const tasks = await respondent.agent.get(respondent.path());
    expect(tasks.text.match(/task-list__status--done/g)).toHaveLength(sections.length);

    const review = await respondent.agent.get(respondent.path('/verification'));
    expect(review.status).toBe(200);
    expect(review.text).toContain('Camille Martin');
    expect(review.text).toContain('Orléans (45234)');
    expect(review.text).toContain('La Source (QP045004, liste 2015)');
    expect(review.text).toContain('Les Salmonies (QN04501A, liste 2024)');
    expect(review.text).toContain('Autre : Achats responsables');
    expect(review.text).toMatch(/1\s250\s000,5 €/);
    expect(review.text).toContain('mars 2021');
    expect((review.text.match(/>Modifier</g) ?? []).length).toBe(sections.length);

    const sent = await respondent.submit();
    expect(sent.status).toBe(303);
    expect(sent.headers.location).toBe(respondent.path('/confirmation'));
    const confirmation = await respondent.agent.get(respondent.path('/confirmation'));
    const reference = /BP-\d{4}-\d{5}/.exec(confirmation.text)?.[0];
    expect(reference).toBe(`BP-${new Date().getFullYear()}-00001`);
    expect(confirmation.text).toContain(respondent.path());

    const stored = await ResponseModel.findOne({}).lean();
    expect(stored).toMatchObject({ status: 'envoyee', reference });
    expect(stored?.answers.montantMarches).toBe(1250000.5);
    expect(stored?.answers.territoire).toEqual({
      region: '24',
      department: '45',
      communes: [
        { code: '45234', name: 'Orléans' },
        { code: '45284', name: 'Saint-Jean-de-Braye' },
      ],
    });
    expect(stored?.firstSubmission?.answers.titrePratique).toBe(
      'Un guichet unique de la clause sociale',
    );
    const mail = outbox().find((m) => m.includes(reference!));
    expect(mail).toContain('To: camille.martin@exemple.fr');
  });

  it('when sent twice (double click), then the reference does not change', async () => {
    const respondent = new Respondent(app);
    await respondent.start();
    await completeAll(respondent);
    const second = await respondent.submit(2);
    expect(second.headers.location).toBe(respondent.path('/confirmation'));
    expect(await ResponseModel.countDocuments({ status: 'envoyee' })).toBe(1);
    const refs = outbox().filter((m) => /BP-\d{4}-\d{5}/.test(m));
    expect(refs).toHaveLength(1);
  });

  it('when pages are incomplete, then sending is refused with a summary linking to them', async () => {
    const respondent = new Respondent(app);
    await respondent.start();
    await respondent.save('repondant', validAnswers.repondant);
    const res = await respondent.submit();
    expect(res.status).toBe(422);
    expect(res.text).toContain('Complétez l’étape « Le territoire »');
    expect(res.text).toContain(`href="${respondent.path('/territoire?retour=verification')}"`);
    expect(await ResponseModel.countDocuments({ status: 'envoyee' })).toBe(0);
  });

  it('when a person comes back with the resume link, then their answers are there', async () => {
    const first = new Respondent(app);
    await first.start();
    await first.save('repondant', validAnswers.repondant, 'quitter');

    const later = new Respondent(app); // another device: no cookie
    later.token = first.token;
    const page = await later.agent.get(later.path('/repondant'));
    expect(page.status).toBe(200);
    expect(page.text).toContain('value="Camille Martin"');
    expect(page.text).toContain('<option value="plie" selected>');
    const tasks = await later.agent.get(later.path());
    expect(tasks.text).toContain('Terminé');
  });

  it('when « Enregistrer le brouillon et quitter » is used with required answers missing, then the draft is saved as in progress', async () => {
    const respondent = new Respondent(app);
    await respondent.start();
    const res = await respondent.save('repondant', { nomRepondant: 'Camille' }, 'quitter');
    expect(res.status).toBe(303);
    expect(res.headers.location).toBe(`${respondent.path()}?enregistre=1`);
    const stored = await ResponseModel.findOne({}).lean();
    expect(stored?.answers.nomRepondant).toBe('Camille');
    expect(stored?.sectionStatus.repondant).toBe('en-cours');
  });

  it('when « Précédent » is used, then the page is saved and the previous one opens', async () => {
    const respondent = new Respondent(app);
    await respondent.start();
    const res = await respondent.save('territoire', { projetNpnru: 'non' }, 'precedent');
    expect(res.headers.location).toBe(respondent.path('/repondant'));
    expect((await ResponseModel.findOne({}).lean())?.answers.projetNpnru).toBe('non');
  });

  it('when a sent response is amended, then a revision records what changed and the first submission stays', async () => {
    const respondent = new Respondent(app);
    await respondent.start();
    await completeAll(respondent);
    await respondent.submit();

    await respondent.save('pratique', {
      ...validAnswers.pratique,
      titrePratique: 'Un guichet unique, version 2',
    });
    const stored = await ResponseModel.findOne({}).lean();
    expect(stored?.answers.titrePratique).toBe('Un guichet unique, version 2');
    expect(stored?.firstSubmission?.answers.titrePratique).toBe(
      'Un guichet unique de la clause sociale',
    );
    expect(stored?.revisions).toHaveLength(1);
    expect(stored?.revisions[0]).toMatchObject({
      section: 'pratique',
      by: expect.stringContaining('répondant'),
      changes: [
        {
          question: 'titrePratique',
          before: 'Un guichet unique de la clause sociale',
          after: 'Un guichet unique, version 2',
        },
      ],
    });
    expect(stored?.revisions[0].at).toBeInstanceOf(Date);

    // Saving the same answers again records nothing new.
    await respondent.save('pratique', {
      ...validAnswers.pratique,
      titrePratique: 'Un guichet unique, version 2',
    });
    expect((await ResponseModel.findOne({}).lean())?.revisions).toHaveLength(1);
  });

  it('when a follow-up question is no longer relevant, then its answer is dropped', async () => {
    const respondent = new Respondent(app);
    await respondent.start();
    await respondent.save('territoire', validAnswers.territoire);
    await respondent.save('territoire', { ...validAnswers.territoire, projetNpnru: 'non' });
    const answers = (await ResponseModel.findOne({}).lean())!.answers;
    expect(answers.projetNpnru).toBe('non');
    expect(answers.nomProjetNpnru).toBeUndefined();
    expect(answers.niveauProjetNpnru).toBeUndefined();
  });
});
