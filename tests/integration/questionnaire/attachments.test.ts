import mongoose from 'mongoose';
import request from 'supertest';
import { sections } from '../../../src/questionnaire/questionnaire';
import { ResponseModel } from '../../../src/questionnaire/response.model';
import { buildTestApp } from '../../helpers/app';
import { clearDatabase, useTestDatabase } from '../../helpers/db';
import { sampleExe, sampleHtml, sampleJpeg, samplePdf } from '../../helpers/files';
import { csrfFrom, Respondent, validAnswers } from '../../helpers/respondent';

useTestDatabase();

const { app } = buildTestApp();
const slug = 'documents-consentement';
const answers = validAnswers[slug];
const mb = 1024 * 1024;

async function gridFsFiles() {
  return mongoose.connection.db!.collection('attachments.files').find({}).toArray();
}

let respondent: Respondent;
beforeEach(async () => {
  await clearDatabase(); // also resets the per-IP limit on new drafts (kept in the database)
  respondent = new Respondent(app);
  await respondent.start();
});

function expectRejectedWithAnswersKept(res: request.Response, message: RegExp) {
  expect(res.status).toBe(422);
  expect(res.text).toContain('href="#fichiers-input"');
  expect(res.text).toMatch(message);
  // What the person chose on the page is still selected.
  expect(res.text).toMatch(/value="oui-publication" checked/);
  expect(res.text).toMatch(
    /id="consentementDonnees" name="consentementDonnees" value="oui" checked/,
  );
}

describe('attachments', () => {
  it('when a valid PDF and JPEG are uploaded, then they are stored in GridFS and listed', async () => {
    const res = await respondent.saveMultipart(slug, answers, [
      { buffer: samplePdf, filename: 'Bilan 2022.pdf' },
      { buffer: sampleJpeg, filename: '../../chantier.jpeg' },
    ]);
    expect(res.status).toBe(303);
    const stored = (await ResponseModel.findOne({}).lean())!;
    expect(stored.attachments.map((a) => [a.filename, a.contentType, a.image])).toEqual([
      ['Bilan 2022.pdf', 'application/pdf', false],
      ['chantier.jpg', 'image/jpeg', true],
    ]);
    const files = await gridFsFiles();
    expect(files).toHaveLength(2);
    expect(files.every((f) => String(f.metadata?.ownerId) === String(stored._id))).toBe(true);
    // The answers of the page were saved with the files.
    expect(stored.answers.consentementPublication).toBe('oui-publication');

    const page = await respondent.agent.get(respondent.path(`/${slug}`));
    expect(page.text).toContain('Bilan 2022.pdf');
    expect(page.text).toContain('Description de l’image (texte alternatif)');
  });

  it('when the owner downloads a file, then it comes back intact; with another token, then 404', async () => {
    await respondent.saveMultipart(slug, answers, [{ buffer: samplePdf, filename: 'bilan.pdf' }]);
    const stored = (await ResponseModel.findOne({}).lean())!;
    const fileId = String(stored.attachments[0].fileId);

    const own = await request(app)
      .get(respondent.path(`/fichiers/${fileId}`))
      .buffer(true)
      .parse((res, cb) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => cb(null, Buffer.concat(chunks)));
      });
    expect(own.status).toBe(200);
    expect(own.headers['content-type']).toBe('application/pdf');
    expect(own.headers['content-disposition']).toContain("attachment; filename*=UTF-8''bilan.pdf");
    expect(own.headers['x-content-type-options']).toBe('nosniff');
    expect(Buffer.compare(own.body as Buffer, samplePdf)).toBe(0);

    const other = new Respondent(app);
    await other.start();
    const stolen = await request(app).get(other.path(`/fichiers/${fileId}`));
    expect(stolen.status).toBe(404);
    const guessed = await request(app).get(
      `/questionnaire/reprendre/${'A'.repeat(43)}/fichiers/${fileId}`,
    );
    expect(guessed.status).toBe(404);
  });

  it('when an .exe is renamed .pdf, then it is rejected and the answers are kept', async () => {
    const res = await respondent.saveMultipart(slug, answers, [
      { buffer: sampleExe, filename: 'rapport.pdf' },
    ]);
    expectRejectedWithAnswersKept(res, /« rapport\.pdf » n’est pas dans un format accepté/);
    expect(await gridFsFiles()).toHaveLength(0);
    expect((await ResponseModel.findOne({}).lean())!.answers).toEqual({});
  });

  it('when an HTML page is renamed .png, then it is rejected and the answers are kept', async () => {
    const res = await respondent.saveMultipart(slug, answers, [
      { buffer: sampleHtml, filename: 'photo.png' },
    ]);
    expectRejectedWithAnswersKept(res, /« photo\.png » n’est pas dans un format accepté/);
    expect(await gridFsFiles()).toHaveLength(0);
  });

  it('when a file is over 10 MB, then it is rejected and the answers are kept', async () => {
    const big = Buffer.concat([samplePdf, Buffer.alloc(10 * mb + 1, 0x20)]);
    const res = await respondent.saveMultipart(slug, answers, [
      { buffer: big, filename: 'gros.pdf' },
    ]);
    expectRejectedWithAnswersKept(res, /dépasse la taille maximale de 10 Mo/);
    expect(await gridFsFiles()).toHaveLength(0);
  });

  it('when more than 5 files are sent at once, then they are rejected and the answers are kept', async () => {
    const six = Array.from({ length: 6 }, (_, i) => ({ buffer: samplePdf, filename: `f${i}.pdf` }));
    const res = await respondent.saveMultipart(slug, answers, six);
    expectRejectedWithAnswersKept(res, /au plus 5 fichiers/);
    expect(await gridFsFiles()).toHaveLength(0);
  });

  it('when a 6th file is added to 5 stored ones, then it is rejected', async () => {
    const five = Array.from({ length: 5 }, (_, i) => ({
      buffer: samplePdf,
      filename: `f${i}.pdf`,
    }));
    expect((await respondent.saveMultipart(slug, answers, five)).status).toBe(303);
    const res = await respondent.saveMultipart(slug, answers, [
      { buffer: samplePdf, filename: 'sixieme.pdf' },
    ]);
    expectRejectedWithAnswersKept(res, /au plus 5 fichiers \(vous en avez déjà 5\)/);
    expect(await gridFsFiles()).toHaveLength(5);
  });

  it('when the files together exceed 25 MB, then they are rejected', async () => {
    const nine = Buffer.concat([samplePdf, Buffer.alloc(9 * mb, 0x20)]);
    const res = await respondent.saveMultipart(
      slug,
      answers,
      [1, 2, 3].map((i) => ({ buffer: nine, filename: `part${i}.pdf` })),
    );
    expectRejectedWithAnswersKept(res, /ne peut pas dépasser 25 Mo/);
    expect(await gridFsFiles()).toHaveLength(0);
  });

  it('when an image has no description and the page is completed, then it is asked for', async () => {
    await respondent.saveMultipart(slug, answers, [{ buffer: sampleJpeg, filename: 'photo.jpg' }]);
    const stored = (await ResponseModel.findOne({}).lean())!;
    const field = `legende-${String(stored.attachments[0].fileId)}`;
    const missing = await respondent.save(slug, answers);
    expect(missing.status).toBe(422);
    expect(missing.text).toContain(`href="#${field}"`);
    expect(missing.text).toContain('Décrivez l’image « photo.jpg »');

    const ok = await respondent.save(slug, {
      ...answers,
      [field]: 'Trois salariés en insertion sur un chantier de voirie',
    });
    expect(ok.status).toBe(303);
    expect((await ResponseModel.findOne({}).lean())!.attachments[0].caption).toBe(
      'Trois salariés en insertion sur un chantier de voirie',
    );
  });

  it('when a file is removed from the draft, then it is gone from the response and GridFS', async () => {
    await respondent.saveMultipart(slug, answers, [{ buffer: samplePdf, filename: 'bilan.pdf' }]);
    const stored = (await ResponseModel.findOne({}).lean())!;
    const fileId = String(stored.attachments[0].fileId);
    const page = await respondent.agent.get(respondent.path(`/${slug}`));
    expect(page.text).toContain(`form="supprimer-${fileId}"`);
    const csrf = /name="_csrf" value="([^"]+)"/.exec(page.text)![1];
    const res = await respondent.agent
      .post(respondent.path(`/${slug}`))
      .type('form')
      .send({ _csrf: csrf, supprimer: fileId });
    expect(res.status).toBe(303);
    expect((await ResponseModel.findOne({}).lean())!.attachments).toHaveLength(0);
    expect(await gridFsFiles()).toHaveLength(0);
    // The answers of the page were not touched by the removal.
    expect((await ResponseModel.findOne({}).lean())!.answers.consentementPublication).toBe(
      'oui-publication',
    );
  });
});

describe('attachments: integrity', () => {
  const pdf = (filename: string) => ({ buffer: samplePdf, filename });
  const listed = async () =>
    (await ResponseModel.findOne({}).lean())!.attachments.map((a) => String(a.fileId)).sort();
  const inGridFs = async () => (await gridFsFiles()).map((f) => String(f._id)).sort();

  async function completeAndSend() {
    for (const section of sections) {
      expect((await respondent.save(section.slug, validAnswers[section.slug])).status).toBe(303);
    }
    expect((await respondent.submit()).status).toBe(303);
  }

  it('when two uploads are sent at the same time, then both files are listed and GridFS holds exactly them', async () => {
    expect((await respondent.saveMultipart(slug, answers, [pdf('premier.pdf')])).status).toBe(303);
    const results = await Promise.all([
      respondent.saveMultipart(slug, answers, [pdf('deuxieme.pdf')]),
      respondent.saveMultipart(slug, answers, [pdf('troisieme.pdf')]),
    ]);
    expect(results.map((r) => r.status)).toEqual([303, 303]);
    const names = (await ResponseModel.findOne({}).lean())!.attachments.map((a) => a.filename);
    expect(names.sort()).toEqual(['deuxieme.pdf', 'premier.pdf', 'troisieme.pdf']);
    expect(await inGridFs()).toEqual(await listed());
  });

  it('when a file is removed while another is uploaded, then only the removed one is gone', async () => {
    await respondent.saveMultipart(slug, answers, [pdf('ancien.pdf')]);
    const old = String((await ResponseModel.findOne({}).lean())!.attachments[0].fileId);
    const page = await respondent.agent.get(respondent.path(`/${slug}`));
    const [removal, upload] = await Promise.all([
      respondent.agent
        .post(respondent.path(`/${slug}`))
        .type('form')
        .send({ _csrf: csrfFrom(page.text), supprimer: old }),
      respondent.saveMultipart(slug, answers, [pdf('nouveau.pdf')]),
    ]);
    expect([removal.status, upload.status]).toEqual([303, 303]);
    const names = (await ResponseModel.findOne({}).lean())!.attachments.map((a) => a.filename);
    expect(names).toEqual(['nouveau.pdf']);
    expect(await inGridFs()).toEqual(await listed());
  });

  it('when two uploads at the same time would pass the 5-file limit, then one is refused and nothing is orphaned', async () => {
    const four = [1, 2, 3, 4].map((i) => pdf(`f${i}.pdf`));
    expect((await respondent.saveMultipart(slug, answers, four)).status).toBe(303);
    const results = await Promise.all([
      respondent.saveMultipart(slug, answers, [pdf('cinquieme-a.pdf')]),
      respondent.saveMultipart(slug, answers, [pdf('cinquieme-b.pdf')]),
    ]);
    expect(results.map((r) => r.status).sort()).toEqual([303, 422]);
    expect(results.find((r) => r.status === 422)!.text).toMatch(/au plus 5 fichiers/);
    expect(await listed()).toHaveLength(5);
    expect(await inGridFs()).toEqual(await listed());
  });

  it('when files are added, described or removed after sending, then each change is kept as a revision', async () => {
    await completeAndSend();
    await respondent.saveMultipart(slug, answers, [{ buffer: sampleJpeg, filename: 'photo.jpg' }]);
    const fileId = String((await ResponseModel.findOne({}).lean())!.attachments[0].fileId);
    await respondent.save(slug, { ...answers, [`legende-${fileId}`]: 'Un chantier' });
    const page = await respondent.agent.get(respondent.path(`/${slug}`));
    await respondent.agent
      .post(respondent.path(`/${slug}`))
      .type('form')
      .send({ _csrf: csrfFrom(page.text), supprimer: fileId });

    const stored = (await ResponseModel.findOne({}).lean())!;
    const changes = stored.revisions
      .filter((r) => r.section === slug)
      .flatMap((r) => r.changes)
      .filter((c) => c.question === 'fichiers');
    expect(changes).toEqual([
      { question: 'fichiers', after: { filename: 'photo.jpg' } },
      {
        question: 'fichiers',
        before: { filename: 'photo.jpg' },
        after: { filename: 'photo.jpg', caption: 'Un chantier' },
      },
      { question: 'fichiers', before: { filename: 'photo.jpg', caption: 'Un chantier' } },
    ]);
    expect(stored.firstSubmission).toBeDefined();
  });

  it('when an image without a description is added after the step was completed, then the response cannot be sent until it is described', async () => {
    for (const section of sections) await respondent.save(section.slug, validAnswers[section.slug]);
    await respondent.saveMultipart(slug, answers, [{ buffer: sampleJpeg, filename: 'photo.jpg' }]);

    const tasks = await respondent.agent.get(respondent.path());
    expect(tasks.text.match(/task-list__status--done/g)).toHaveLength(sections.length - 1);
    const refused = await respondent.submit();
    expect(refused.status).toBe(422);
    expect(refused.text).toContain('Complétez l’étape « Documents et publication »');
    expect((await ResponseModel.findOne({}).lean())!.status).toBe('brouillon');

    const fileId = String((await ResponseModel.findOne({}).lean())!.attachments[0].fileId);
    expect(
      (await respondent.save(slug, { ...answers, [`legende-${fileId}`]: 'Un chantier' })).status,
    ).toBe(303);
    expect((await respondent.submit()).status).toBe(303);
    expect((await ResponseModel.findOne({}).lean())!.status).toBe('envoyee');
  });
});
