import { pipeline } from 'node:stream/promises';
import { Readable } from 'node:stream';
import mongoose from 'mongoose';
import request from 'supertest';
import { openUpload } from '../../../src/lib/files/attachment-store';
import { SheetModel } from '../../../src/sheets/sheet.model';
import { ResponseModel } from '../../../src/questionnaire/response.model';
import { buildTestApp } from '../../helpers/app';
import { loginAs } from '../../helpers/auth';
import { clearDatabase, useTestDatabase } from '../../helpers/db';
import { sampleJpeg, samplePdf } from '../../helpers/files';
import { insertSentResponse, storedAnswers } from '../../helpers/sheets';

useTestDatabase();
afterEach(clearDatabase);
const { app } = buildTestApp();

async function storeFile(ownerId: mongoose.Types.ObjectId, name: string, content: Buffer) {
  const upload = openUpload(name, ownerId);
  await pipeline(Readable.from([content]), upload);
  return upload.id;
}

type Moderator = Awaited<ReturnType<typeof loginAs>>;

/**
 * A sent response with an image and a PDF attached, and a sheet prepared from it by `mod`;
 * `unchanged()` tells whether the response is still byte for byte what it was.
 */
async function sheetFromResponseWithFiles(mod: Moderator) {
  const { id, token } = await insertSentResponse({
    ...storedAnswers,
    publicationSansRelecture: 'oui',
  });
  const responseId = new mongoose.Types.ObjectId(id);
  const photoId = await storeFile(responseId, 'chantier.jpg', sampleJpeg);
  const pdfId = await storeFile(responseId, 'guide.pdf', samplePdf);
  const uploadedAt = new Date();
  const file = (fileId: mongoose.Types.ObjectId, filename: string, image: boolean) => ({
    fileId,
    filename,
    contentType: image ? 'image/jpeg' : 'application/pdf',
    size: (image ? sampleJpeg : samplePdf).length,
    image,
    uploadedAt,
  });
  await ResponseModel.updateOne(
    { _id: responseId },
    {
      $set: {
        attachments: [file(photoId, 'chantier.jpg', true), file(pdfId, 'guide.pdf', false)],
      },
    },
  );
  const stored = async () =>
    JSON.stringify(await ResponseModel.collection.findOne({ _id: responseId }));
  const before = await stored();
  const created = await mod.agent
    .post(`/moderation/reponses/${id}/fiche`)
    .type('form')
    .send({ _csrf: await mod.csrf() });
  const sheetId = created.headers.location.split('/').pop()!;
  return { photoId, pdfId, sheetId, token, unchanged: async () => (await stored()) === before };
}

/** Publishes a sheet at its current revision. */
async function publish(mod: Moderator, sheetId: string) {
  const { revision } = (await SheetModel.findById(sheetId, { revision: 1 }).lean())!;
  await mod.agent
    .post(`/moderation/fiches/${sheetId}/publier`)
    .type('form')
    .send({ _csrf: await mod.csrf(), revision: String(revision) });
}

describe('photos of a sheet', () => {
  it('when a moderator copies a chosen image with its description, then only that copy is served, and only once the sheet is published', async () => {
    const mod = await loginAs(app);
    const { photoId, pdfId, sheetId, token, unchanged } = await sheetFromResponseWithFiles(mod);
    const editor = await mod.agent.get(`/moderation/fiches/${sheetId}`);
    const [photosPart, documentsPart] = editor.text.split('id="documents"');
    expect(photosPart).toContain('chantier.jpg');
    expect(photosPart).not.toContain('guide.pdf');
    expect(documentsPart).toContain('guide.pdf');
    expect(documentsPart).not.toContain('chantier.jpg');

    const noAlt = await mod.agent
      .post(`/moderation/fiches/${sheetId}/photos`)
      .type('form')
      .send({ _csrf: await mod.csrf(), fileId: String(photoId), alt: '' });
    expect(noAlt.status).toBe(422);
    expect(noAlt.text).toContain('Décrivez la photo');
    const notAnImage = await mod.agent
      .post(`/moderation/fiches/${sheetId}/photos`)
      .type('form')
      .send({ _csrf: await mod.csrf(), fileId: String(pdfId), alt: 'Guide' });
    expect(notAnImage.status).toBe(404);
    await mod.agent
      .post(`/moderation/fiches/${sheetId}/photos`)
      .type('form')
      .send({
        _csrf: await mod.csrf(),
        fileId: String(photoId),
        alt: 'Des habitantes sur un chantier',
      });

    const sheet = await SheetModel.findById(sheetId).lean();
    expect(sheet!.photos).toHaveLength(1);
    const copy = sheet!.photos[0];
    expect(copy.alt).toBe('Des habitantes sur un chantier');
    expect(String(copy.fileId)).not.toBe(String(photoId));
    expect(await unchanged()).toBe(true);

    const anonymous = request(app);
    expect((await anonymous.get(`/fiches-medias/${sheetId}/${copy.fileId}`)).status).toBe(404);
    const preview = await mod.agent.get(`/moderation/fiches/${sheetId}/medias/${copy.fileId}`);
    expect(preview.status).toBe(200);
    // Before publication, the preview and the author's page show the photo from their own routes.
    const previewPage = await mod.agent.get(`/moderation/fiches/${sheetId}/apercu`);
    expect(previewPage.text).toContain(`src="/moderation/fiches/${sheetId}/medias/${copy.fileId}"`);
    const approvalPath = `/questionnaire/reprendre/${token}/fiches/${sheetId}`;
    const approvalPage = await anonymous.get(approvalPath);
    expect(approvalPage.text).toContain(`src="${approvalPath}/medias/${copy.fileId}"`);
    expect(approvalPage.text).toContain('alt="Des habitantes sur un chantier"');
    const authorsCopy = await anonymous.get(`${approvalPath}/medias/${copy.fileId}`).buffer(true);
    expect(authorsCopy.status).toBe(200);
    expect(Buffer.compare(authorsCopy.body as Buffer, sampleJpeg)).toBe(0);
    expect((await anonymous.get(`${approvalPath}/medias/${photoId}`)).status).toBe(404);
    await publish(mod, sheetId);
    // Networks show the first photo beside a shared link.
    const slug = (await SheetModel.findById(sheetId, 'slug').lean())!.slug;
    const publicPage = await anonymous.get(`/recueil/${slug}`);
    expect(publicPage.text).toMatch(
      new RegExp(
        `<meta property="og:image" content="https?://[^"]+/fiches-medias/${sheetId}/${copy.fileId}">`,
      ),
    );
    expect(publicPage.text).toContain(
      '<meta property="og:image:alt" content="Des habitantes sur un chantier">',
    );
    const served = await anonymous.get(`/fiches-medias/${sheetId}/${copy.fileId}`).buffer(true);
    expect(served.status).toBe(200);
    expect(served.headers['content-type']).toBe('image/jpeg');
    expect(served.headers['set-cookie']).toBeUndefined();
    expect(Buffer.compare(served.body as Buffer, sampleJpeg)).toBe(0);
    // Neither the response's own image nor its other attachment is reachable through the sheet.
    expect((await anonymous.get(`/fiches-medias/${sheetId}/${photoId}`)).status).toBe(404);
    expect((await anonymous.get(`/fiches-medias/${sheetId}/${pdfId}`)).status).toBe(404);
  });
});

describe('documents of a sheet', () => {
  it('when a moderator copies a chosen document with its link text, then the published page links to that copy only, served as a download, and removing it takes it off', async () => {
    const mod = await loginAs(app);
    const { photoId, pdfId, sheetId, unchanged } = await sheetFromResponseWithFiles(mod);
    const add = async (fileId: mongoose.Types.ObjectId, caption: string) =>
      mod.agent
        .post(`/moderation/fiches/${sheetId}/documents`)
        .type('form')
        .send({ _csrf: await mod.csrf(), fileId: String(fileId), caption });

    const noCaption = await add(pdfId, ' ');
    expect(noCaption.status).toBe(422);
    expect(noCaption.text).toContain('Donnez l’intitulé du document');
    expect((await add(photoId, 'Une photo')).status).toBe(404);
    expect((await add(pdfId, 'Guide de la clause')).status).toBe(303);
    const sheet = await SheetModel.findById(sheetId).lean();
    expect(sheet!.documents).toHaveLength(1);
    expect(sheet!.photos).toHaveLength(0);
    const copy = sheet!.documents[0];
    expect(copy.caption).toBe('Guide de la clause');
    expect(String(copy.fileId)).not.toBe(String(pdfId));
    expect(await unchanged()).toBe(true);

    const anonymous = request(app);
    expect((await anonymous.get(`/fiches-medias/${sheetId}/${copy.fileId}`)).status).toBe(404);
    await publish(mod, sheetId);
    const page = await anonymous.get(`/recueil/${sheet!.slug}`);
    expect(page.text).toContain(`href="/fiches-medias/${sheetId}/${String(copy.fileId)}"`);
    expect(page.text).toContain('Guide de la clause');
    const served = await anonymous.get(`/fiches-medias/${sheetId}/${copy.fileId}`).buffer(true);
    expect(served.status).toBe(200);
    expect(served.headers['content-disposition']).toMatch(/^attachment;/);
    expect(Buffer.compare(served.body as Buffer, samplePdf)).toBe(0);
    expect((await anonymous.get(`/fiches-medias/${sheetId}/${pdfId}`)).status).toBe(404);

    await mod.agent
      .post(`/moderation/fiches/${sheetId}/documents/retirer`)
      .type('form')
      .send({ _csrf: await mod.csrf(), fileId: String(copy.fileId) });
    expect((await SheetModel.findById(sheetId).lean())!.documents).toHaveLength(0);
    expect((await anonymous.get(`/fiches-medias/${sheetId}/${copy.fileId}`)).status).toBe(404);
    expect((await anonymous.get(`/recueil/${sheet!.slug}`)).text).not.toContain(
      'Guide de la clause',
    );
  });
});
