import fs from 'node:fs';
import path from 'node:path';
import request from 'supertest';
import { ImportBatchModel } from '../../src/import/import-batch.model';
import { rootDir } from '../../src/lib/paths';
import { ResponseModel } from '../../src/questionnaire/response.model';
import { buildTestApp } from '../helpers/app';
import { loginAs, type SignedIn } from '../helpers/auth';
import { clearDatabase, useTestDatabase } from '../helpers/db';
import { sampleExe, sampleHtml, samplePdf, zipArchive } from '../helpers/files';
import { multipartActionFrom, Respondent, validAnswers } from '../helpers/respondent';

// Files sent by someone who means harm: archives that inflate to gigabytes, cells that are not
// text, executables and pages dressed as documents. Each is refused in French; nothing half-done
// is stored, and the server keeps answering meanwhile.

jest.setTimeout(120_000);
useTestDatabase();
afterEach(clearDatabase);
const { app } = buildTestApp();

const workbookParts = (sheet: { content: Buffer; repeat?: number }) => [
  {
    name: '[Content_Types].xml',
    content: Buffer.from(
      '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/></Types>',
    ),
  },
  {
    name: 'xl/workbook.xml',
    content: Buffer.from('<workbook><sheets><sheet name="f" sheetId="1"/></sheets></workbook>'),
  },
  { name: 'xl/worksheets/sheet1.xml', ...sheet },
];

async function upload(mod: SignedIn, filename: string, content: Buffer, kind = 'fiches') {
  const token = await mod.csrf('/moderation/import');
  return mod.agent
    .post(`/moderation/import?_csrf=${encodeURIComponent(token)}`)
    .field('kind', kind)
    .attach('fichier', content, filename);
}

describe('import files', () => {
  it('when an XLSX archive inflates to hundreds of megabytes, then a French 422 refuses it, nothing is stored, memory stays flat and /healthz keeps answering', async () => {
    // One cell of 200 MB, about 200 KB once compressed.
    const bomb = await zipArchive(
      workbookParts({ content: Buffer.alloc(1024 * 1024, 'A'), repeat: 200 }),
    );
    expect(bomb.length).toBeLessThan(1024 * 1024);
    const mod = await loginAs(app);
    const rssBefore = process.memoryUsage().rss;
    const refusing = upload(mod, 'bombe.xlsx', bomb);
    const health = await Promise.all(
      Array.from({ length: 5 }, () =>
        request(app)
          .get('/healthz')
          .then((r) => r.status),
      ),
    );
    const res = await refusing;
    expect(health).toEqual([200, 200, 200, 200, 200]);
    expect(res.status).toBe(422);
    expect(res.text).toContain(
      'Ce classeur est trop volumineux (plus de 30 Mo une fois décompressé)',
    );
    expect(process.memoryUsage().rss - rssBefore).toBeLessThan(100 * 1024 * 1024);
    expect(await ImportBatchModel.countDocuments()).toBe(0);
  });

  it('when an XLSX sheet holds far more cells than an import needs, then a French 422 refuses it', async () => {
    const cells = Buffer.from('<c r="A1" t="inlineStr"><is><t>x</t></is></c>'.repeat(1000));
    const wide = await zipArchive(workbookParts({ content: cells, repeat: 200 }));
    const res = await upload(await loginAs(app), 'large.xlsx', wide);
    expect(res.status).toBe(422);
    expect(res.text).toContain('plus de 150');
    expect(res.text).toContain('cellules');
    expect(await ImportBatchModel.countDocuments()).toBe(0);
  });

  it('when a file is named .xlsx but is not an archive, or a truncated one, then a French 422', async () => {
    const mod = await loginAs(app);
    const real = fs.readFileSync(path.join(rootDir, 'seeds/examples/fiches.xlsx'));
    for (const content of [sampleExe, real.subarray(0, real.length / 2)]) {
      const res = await upload(mod, 'fiches.xlsx', content);
      expect(res.status).toBe(422);
      expect(res.text).toContain('n’est pas un classeur Excel (.xlsx) lisible');
    }
    expect((await upload(mod, 'fiches.xlsx', real)).status).toBe(303);
  });

  it('when a JSON file puts objects or operators where text is expected, then each such row is a French error and none becomes text', async () => {
    const rows = [
      {
        cle: { $ne: null },
        titre: 'Opérateur',
        resume: 'r',
        structure: 's',
        type_structure: 'plie',
        region: '24',
        departement: '45',
        thematiques: 'atelier-a-diversifier',
      },
      {
        cle: 'ok-1',
        titre: { toString: 'x' },
        resume: 'r',
        structure: 's',
        type_structure: 'plie',
        region: '24',
        departement: '45',
        thematiques: ['atelier-a-diversifier', { $gt: '' }],
      },
      {
        cle: 'ok-2',
        titre: 'Bonne ligne',
        resume: 'r',
        structure: 's',
        type_structure: 'plie',
        region: '24',
        departement: '45',
        thematiques: ['atelier-a-diversifier'],
      },
    ];
    const mod = await loginAs(app);
    const res = await upload(mod, 'fiches.json', Buffer.from(JSON.stringify(rows)));
    expect(res.status).toBe(303);
    const preview = await mod.agent.get(res.headers.location);
    expect(preview.text).toContain('Ligne 2 : cle : un texte ou un nombre est attendu.');
    expect(preview.text).toContain(
      'Ligne 3 : titre : un texte ou un nombre est attendu ; thematiques : un texte ou un nombre est attendu.',
    );
    expect(preview.text).not.toContain('[object Object]');
    const batch = await ImportBatchModel.findOne().lean();
    expect(JSON.stringify(batch)).not.toContain('[object Object]');
    expect(batch!.rows).toHaveLength(1);
  });

  it('when one account sends far more import files than people do, then a French 429', async () => {
    const mod = await loginAs(app);
    const csv = Buffer.from('cle;titre\n');
    const statuses: number[] = [];
    for (let i = 0; i < 21; i++) statuses.push((await upload(mod, 'vide.csv', csv)).status);
    expect(statuses.slice(0, 20).every((s) => s !== 429)).toBe(true);
    expect(statuses[20]).toBe(429);
    const other = await loginAs(app);
    expect((await upload(other, 'vide.csv', csv)).status).not.toBe(429);
  });
});

describe('attachments', () => {
  it('when an executable or a web page is sent as a PDF or a photo, then it is refused by its content; a page behind a PDF header is kept as a PDF, downloaded, never shown', async () => {
    const respondent = new Respondent(app);
    await respondent.start();
    await respondent.save('repondant', validAnswers.repondant);
    const send = async (content: Buffer, name: string) => {
      const page = await respondent.agent.get(respondent.path('/documents-consentement'));
      return respondent.agent
        .post(multipartActionFrom(page.text))
        .field('action', 'televerser')
        .attach('fichiers', content, name);
    };
    for (const [content, name] of [
      [sampleExe, 'bilan.pdf'],
      [sampleHtml, 'photo.jpg'],
    ] as const) {
      const res = await send(content, name);
      expect(res.status).toBe(422);
      expect(res.text).toContain(`« ${name} » n’est pas dans un format accepté`);
    }
    expect((await ResponseModel.findOne().lean())!.attachments).toEqual([]);

    const polyglot = Buffer.concat([samplePdf.subarray(0, 9), sampleHtml]);
    expect((await send(polyglot, 'page.html')).status).toBe(303);
    const [stored] = (await ResponseModel.findOne().lean())!.attachments;
    expect([stored.filename, stored.contentType]).toEqual(['page.pdf', 'application/pdf']);
    const download = await respondent.agent.get(
      respondent.path(`/fichiers/${String(stored.fileId)}`),
    );
    expect(download.headers['content-type']).toBe('application/pdf');
    expect(download.headers['content-disposition']).toMatch(/^attachment;/);
    expect(download.headers['x-content-type-options']).toBe('nosniff');
  });
});
