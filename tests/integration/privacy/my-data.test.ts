import request from 'supertest';
import { sections } from '../../../src/questionnaire/questionnaire';
import { ResponseModel } from '../../../src/questionnaire/response.model';
import { SheetModel } from '../../../src/sheets/sheet.model';
import { SheetVersionModel } from '../../../src/sheets/sheet-version.model';
import { InboxRowModel } from '../../../src/moderation/inbox-row.model';
import { buildTestApp, captureMailer } from '../../helpers/app';
import { clearDatabase, useTestDatabase } from '../../helpers/db';
import { samplePdf } from '../../helpers/files';
import { practiceSheet } from '../../helpers/practices';
import { filesOf, unzip, whereStored } from '../../helpers/privacy';
import { csrfFrom, Respondent, validAnswers } from '../../helpers/respondent';

useTestDatabase();
const mailer = captureMailer();
const { app } = buildTestApp({}, { mailer });

const person = validAnswers.repondant;
const personal = [
  person.nomRepondant,
  person.emailRepondant,
  person.telephoneRepondant,
] as string[];
const uploads = 'documents-consentement';

beforeEach(async () => {
  await clearDatabase();
  mailer.sent.length = 0;
});

/** A respondent who filled the first page and attached a PDF (still a draft). */
async function draftWithFile(): Promise<Respondent> {
  const respondent = new Respondent(app);
  await respondent.start(person.emailRepondant as string);
  expect((await respondent.save('repondant', person)).status).toBe(303);
  const upload = await respondent.saveMultipart(uploads, validAnswers[uploads], [
    { buffer: samplePdf, filename: 'Bilan 2022.pdf' },
  ]);
  expect(upload.status).toBe(303);
  return respondent;
}

async function post(respondent: Respondent, page: string, action: string) {
  const form = await respondent.agent.get(respondent.path(page));
  expect(form.status).toBe(200);
  return respondent.agent
    .post(respondent.path(action))
    .type('form')
    .send({ _csrf: csrfFrom(form.text) });
}

describe('« Mes données » through the private link', () => {
  it('when a draft is opened, then everything held is listed and downloads as a ZIP of JSON and the file', async () => {
    const respondent = await draftWithFile();
    const page = await respondent.agent.get(respondent.path('/mes-donnees'));
    expect(page.status).toBe(200);
    expect(page.headers['cache-control']).toBe('no-store');
    expect(page.text).toContain('Brouillon de réponse');
    expect(page.text).toContain('1 fichier joint');
    expect(page.text).toContain('Supprimer ce brouillon');

    const zip = await respondent.agent
      .get(respondent.path('/mes-donnees/mes-donnees.zip'))
      .buffer(true)
      .parse((res, done) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => done(null, Buffer.concat(chunks)));
      });
    expect(zip.status).toBe(200);
    expect(zip.headers['content-type']).toBe('application/zip');
    const entries = unzip(zip.body as Buffer);
    expect(Object.keys(entries).sort()).toEqual(['fichiers/1-Bilan 2022.pdf', 'mes-donnees.json']);
    expect(entries['fichiers/1-Bilan 2022.pdf'].equals(samplePdf)).toBe(true);
    const json = JSON.parse(entries['mes-donnees.json'].toString('utf8'));
    const answers = json.elements[0].donnees.reponses as Array<{
      question: string;
      reponse: unknown;
    }>;
    expect(answers).toContainEqual({ question: 'Vos prénom et nom', reponse: person.nomRepondant });
    expect(json.elements[0].donnees.fichiers).toEqual([{ nom: 'Bilan 2022.pdf', legende: null }]);
  });

  it('when « Supprimer ce brouillon » is pressed, then the draft, its files and its inbox row are gone, and nothing holds the person', async () => {
    const respondent = await draftWithFile();
    const id = (await ResponseModel.findOne({}).lean())!._id;
    expect(await filesOf(id)).toBe(1);

    const res = await post(respondent, '/mes-donnees', '/mes-donnees/suppression');
    expect(res.status).toBe(303);
    expect(res.headers.location).toBe('/questionnaire/brouillon-supprime');
    expect((await request(app).get(res.headers.location)).text).toContain('Brouillon supprimé');

    expect(await ResponseModel.countDocuments()).toBe(0);
    expect(await InboxRowModel.countDocuments()).toBe(0);
    expect(await filesOf(id)).toBe(0);
    expect(await whereStored(personal)).toEqual([]);
    expect((await respondent.agent.get(respondent.path())).status).toBe(404);
  });

  it('when a sent response asks for erasure, then the person goes everywhere, the practice stays and the link says what was erased', async () => {
    const respondent = new Respondent(app);
    await respondent.start(person.emailRepondant as string);
    for (const section of sections) {
      const res = section.attachments
        ? await respondent.saveMultipart(section.slug, validAnswers[section.slug], [
            { buffer: samplePdf, filename: 'Bilan 2022.pdf' },
          ])
        : await respondent.save(section.slug, validAnswers[section.slug]);
      expect(res.status).toBe(303);
    }
    expect((await respondent.submit()).status).toBe(303);
    const sent = (await ResponseModel.findOne({}).lean())!;
    expect(sent.status).toBe('envoyee');
    // A sheet made from it shows the person as its contact; a kept version too.
    const contact = {
      name: person.nomRepondant,
      email: person.emailRepondant,
      phone: person.telephoneRepondant,
    };
    const sheet = await SheetModel.create({
      ...practiceSheet('guichet-unique', {
        origin: { kind: 'reponse', responseId: sent._id, reference: sent.reference },
        contact,
      }),
      status: 'publiee' as const,
    });
    await SheetVersionModel.create({
      sheetId: sheet._id,
      revision: 1,
      at: new Date(),
      action: 'created',
      snapshot: { title: sheet.title, contact },
    });

    const listed = await respondent.agent.get(respondent.path('/mes-donnees'));
    expect(listed.text).toContain(`Réponse ${sent.reference}`);
    expect(listed.text).toContain('Fiche « Fiche guichet-unique »');
    const confirm = await respondent.agent.get(respondent.path('/mes-donnees/effacement'));
    expect(confirm.text).toContain('une fiche publiée reste en ligne sans contact');

    const res = await post(respondent, '/mes-donnees/effacement', '/mes-donnees/effacement');
    expect(res.status).toBe(303);
    const after = await respondent.agent.get(res.headers.location);
    expect(after.text).toContain('Vos données ont été effacées');
    expect(after.text).toContain('Fichier joint : 1 supprimé');
    expect(after.text).toContain(
      'Contact affiché sur une fiche (nom, fonction, e-mail, téléphone) : 1 anonymisé',
    );
    // Every other page of the link now leads there.
    const tasks = await respondent.agent.get(respondent.path());
    expect(tasks.status).toBe(303);
    expect(tasks.headers.location).toBe(respondent.path('/mes-donnees'));

    expect(await whereStored(personal)).toEqual([]);
    expect(await filesOf(sent._id)).toBe(0);
    const kept = (await ResponseModel.findOne({ _id: sent._id }).lean())!;
    expect(kept.answers.titrePratique).toBe(validAnswers.pratique.titrePratique);
    expect(kept.answers.nomStructure).toBe(person.nomStructure);
    const keptSheet = (await SheetModel.findOne({ _id: sheet._id }).lean())!;
    expect(keptSheet.status).toBe('publiee');
    expect(keptSheet.contact?.email).toBeUndefined();
  });

  it('when a made-up link asks for the ZIP, then 404: nothing is exported', async () => {
    const madeUp = `${'a'.repeat(24)}${'b'.repeat(43)}`;
    const res = await request(app).get(
      `/questionnaire/reprendre/${madeUp}/mes-donnees/mes-donnees.zip`,
    );
    expect(res.status).toBe(404);
  });
});
