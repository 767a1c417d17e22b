import { Types } from 'mongoose';
import request from 'supertest';
import { AuditEventModel } from '../../../src/audit/audit.model';
import { openUpload } from '../../../src/lib/files/attachment-store';
import { exampleAnswers } from '../../../src/seeding/demo-responses';
import { backfillSummaries } from '../../../src/moderation/moderation.migrations';
import { sections } from '../../../src/questionnaire/questionnaire';
import { ResponseModel } from '../../../src/questionnaire/response.model';
import { createDraft, saveSection, submit } from '../../../src/questionnaire/response.service';
import { buildTestApp } from '../../helpers/app';
import { loginAs, type SignedIn } from '../../helpers/auth';
import { clearDatabase, useTestDatabase } from '../../helpers/db';
import { insertResponse } from '../../helpers/responses';

useTestDatabase();
const { app } = buildTestApp();

let moderator: SignedIn;
let admin: SignedIn;
let otherRegion: SignedIn;
let sameRegion: SignedIn;
let target: { id: string; reference: string };
let fileId: string;
let pdfId: string;
const png = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
  'base64',
);

async function storeFile(ownerId: string, filename: string, body: Buffer) {
  const upload = openUpload(filename, new Types.ObjectId(ownerId));
  await new Promise<void>((resolve, reject) => {
    upload.once('finish', () => resolve());
    upload.once('error', reject);
    upload.end(body);
  });
  return upload.id as Types.ObjectId;
}

beforeAll(async () => {
  await clearDatabase();
  [moderator, admin, otherRegion, sameRegion] = await Promise.all([
    loginAs(app, { role: 'moderator', name: 'Nadia Note' }),
    loginAs(app, { role: 'admin' }),
    loginAs(app, { role: 'moderator', regions: ['84'] }),
    loginAs(app, { role: 'moderator', regions: ['11'] }),
  ]);
  target = await insertResponse({
    commune: '75056',
    answers: {
      titrePratique: 'Des habitantes sur les chantiers',
      nomStructure: 'Maison de l’emploi de Paris',
      ancienneQuestion: 'Réponse donnée sous une version précédente',
    },
  });
  await insertResponse({
    commune: '69123',
    answers: { nomStructure: 'Maison de l’emploi de Paris' },
  });
  await insertResponse({
    commune: '13055',
    answers: { titrePratique: 'Habitantes et chantiers urbains' },
  });
  await insertResponse({
    commune: '33063',
    answers: { titrePratique: 'Rien à voir', nomStructure: 'Autre' },
  });
  const image = await storeFile(target.id, 'photo chantier.png', png);
  const pdf = await storeFile(target.id, 'bilan.pdf', Buffer.from('%PDF-1.4 test'));
  fileId = String(image);
  pdfId = String(pdf);
  await ResponseModel.updateOne(
    { _id: target.id },
    {
      $push: {
        attachments: {
          $each: [
            {
              fileId: image,
              filename: 'photo chantier.png',
              contentType: 'image/png',
              size: png.length,
              image: true,
              caption: 'Le chantier',
              uploadedAt: new Date(),
            },
            {
              fileId: pdf,
              filename: 'bilan.pdf',
              contentType: 'application/pdf',
              size: 13,
              image: false,
              uploadedAt: new Date(),
            },
          ],
        },
        revisions: {
          at: new Date(),
          by: 'répondant (lien de reprise)',
          section: 'resultats',
          changes: [{ question: 'participants', before: 10, after: 12 }],
        },
      },
    },
  );
});

const page = (id: string) => `/moderation/reponses/${id}`;

describe('review page', () => {
  it('when a moderator opens a response, then every section of the definition, older answers, files, revisions and nearby responses are shown', async () => {
    const res = await moderator.agent.get(page(target.id));
    expect(res.status).toBe(200);
    for (const s of sections) expect(res.text).toContain(`. ${s.title}</h3>`);
    expect(res.text).toContain('Des habitantes sur les chantiers');
    expect(res.text).toContain('Paris');
    expect(res.text).toContain('version précédente du questionnaire');
    expect(res.text).toContain('Réponse donnée sous une version précédente');
    expect(res.text).toContain(`src="${page(target.id)}/fichiers/${fileId}/apercu"`);
    expect(res.text).toContain(`href="${page(target.id)}/fichiers/${pdfId}"`);
    expect(res.text).toMatch(/« 10[^»]*» → « 12[^»]*»/);
    expect(res.text).toMatch(/même structure/);
    expect(res.text).toMatch(/titre proche/);
    expect(res.text).not.toContain('Rien à voir');
    expect(res.text).toContain(`action="${page(target.id)}/fiche"`);
    expect(res.text).toContain('Préparer la fiche');
  });

  it('when a file is downloaded, then it is streamed as an attachment with its stored type; an image preview is inline', async () => {
    const download = await moderator.agent.get(`${page(target.id)}/fichiers/${pdfId}`).buffer(true);
    expect(download.status).toBe(200);
    expect(download.headers['content-type']).toBe('application/pdf');
    expect(download.headers['content-disposition']).toBe("attachment; filename*=UTF-8''bilan.pdf");
    expect(download.body.toString()).toBe('%PDF-1.4 test');
    const preview = await moderator.agent
      .get(`${page(target.id)}/fichiers/${fileId}/apercu`)
      .buffer(true);
    expect(preview.status).toBe(200);
    expect(preview.headers['content-type']).toBe('image/png');
    expect(preview.headers['content-disposition']).toMatch(/^inline;/);
    const pdfPreview = await moderator.agent.get(`${page(target.id)}/fichiers/${pdfId}/apercu`);
    expect(pdfPreview.status).toBe(404);
  });

  it('when a file of one response is asked through another response, then 404', async () => {
    const other = await insertResponse({ commune: '75056' });
    const res = await moderator.agent.get(`${page(other.id)}/fichiers/${fileId}`);
    expect(res.status).toBe(404);
  });

  it('when a note is added, then it shows with its author and date, and the audit log records it', async () => {
    const csrf = await moderator.csrf(page(target.id));
    const empty = await moderator.agent
      .post(`${page(target.id)}/notes`)
      .type('form')
      .send({ _csrf: csrf, note: '   ' });
    expect(empty.status).toBe(422);
    expect(empty.text).toContain('Écrivez la note avant de l’enregistrer');
    const res = await moderator.agent
      .post(`${page(target.id)}/notes`)
      .type('form')
      .send({ _csrf: csrf, note: 'À rapprocher de la réponse de Lyon <b>' });
    expect(res.status).toBe(303);
    const shown = await moderator.agent.get(page(target.id));
    expect(shown.text).toContain('À rapprocher de la réponse de Lyon &lt;b&gt;');
    expect(shown.text).toContain('<strong>Nadia Note</strong>, le ');
    expect(
      await AuditEventModel.countDocuments({
        action: 'response.note-added',
        'target.id': target.id,
      }),
    ).toBe(1);
  });

  describe('access', () => {
    const routes = (id: string) =>
      [
        ['get', page(id)],
        ['get', `${page(id)}/fichiers/${fileId}`],
        ['get', `${page(id)}/fichiers/${fileId}/apercu`],
        ['post', `${page(id)}/notes`],
        ['post', `${page(id)}/statut`],
      ] as const;

    it('when anonymous, then every response route sends to the login page', async () => {
      for (const [method, url] of routes(target.id)) {
        const res = await request(app)[method](url);
        expect([302, 303]).toContain(res.status);
        expect(res.headers.location).toMatch(/^\/connexion/);
      }
    });

    it('when a regional moderator of another région uses direct ids, then every response route answers 404', async () => {
      const csrf = await otherRegion.csrf('/moderation');
      for (const [method, url] of routes(target.id)) {
        const req = otherRegion.agent[method](url);
        const res =
          method === 'post'
            ? await req
                .type('form')
                .send({ _csrf: csrf, note: 'x', depuis: 'recue', statut: 'en-examen' })
            : await req;
        expect(res.status).toBe(404);
      }
      const stored = await ResponseModel.findById(target.id).lean();
      expect(stored!.summary!.status).toBe('recue');
    });

    it('when a moderator of the response’s région or an admin opens it, then 200', async () => {
      expect((await sameRegion.agent.get(page(target.id))).status).toBe(200);
      expect((await admin.agent.get(page(target.id))).status).toBe(200);
      expect((await admin.agent.get(`${page(target.id)}/fichiers/${pdfId}`)).status).toBe(200);
    });

    it('when an id is malformed or unknown, then 404', async () => {
      expect((await moderator.agent.get(page('nope'))).status).toBe(404);
      expect((await moderator.agent.get(page(String(new Types.ObjectId())))).status).toBe(404);
      expect((await moderator.agent.get(`${page(target.id)}/fichiers/zz`)).status).toBe(404);
    });
  });
});

describe('summary', () => {
  it('when a response is submitted then amended, then its summary follows in the same updates and keeps its status', async () => {
    const { response } = await createDraft('a@exemple.fr');
    const answers = exampleAnswers(3);
    const full = { ...response, answers };
    await ResponseModel.updateOne({ _id: response._id }, { $set: { answers } });
    await submit(full);
    let stored = (await ResponseModel.findById(response._id).lean())!;
    expect(stored.summary).toMatchObject({
      status: 'recue',
      reference: stored.reference,
      title: answers.titrePratique,
      region: '32',
      themes: answers.thematiques,
    });
    await ResponseModel.updateOne(
      { _id: response._id },
      { $set: { 'summary.status': 'en-examen' } },
    );
    const pratique = sections.find((s) => s.slug === 'pratique')!;
    await saveSection(stored, pratique, { ...answers, titrePratique: 'Un titre amendé' });
    stored = (await ResponseModel.findById(response._id).lean())!;
    expect(stored.summary).toMatchObject({
      title: 'Un titre amendé',
      titleKey: 'un titre amende',
      status: 'en-examen',
      region: '32',
    });
  });

  it('when a sent response has no summary (stored before the inbox), then the backfill gives it one, once', async () => {
    const { response } = await createDraft();
    await ResponseModel.updateOne(
      { _id: response._id },
      {
        $set: {
          status: 'envoyee',
          reference: 'BP-2025-00001',
          submittedAt: new Date(),
          answers: exampleAnswers(5),
        },
      },
    );
    expect(await backfillSummaries()).toBeGreaterThanOrEqual(1);
    const stored = (await ResponseModel.findById(response._id).lean())!;
    expect(stored.summary).toMatchObject({ status: 'recue', reference: 'BP-2025-00001' });
    expect(await backfillSummaries()).toBe(0);
  });
});
