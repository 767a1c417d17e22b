import ExcelJS from 'exceljs';
import { AuditEventModel } from '../../../src/audit/audit.model';
import { exportHeaders, exportRows } from '../../../src/moderation/export.service';
import { allQuestions } from '../../../src/questionnaire/questionnaire';
import { ResponseModel } from '../../../src/questionnaire/response.model';
import { buildTestApp } from '../../helpers/app';
import { loginAs, type SignedIn } from '../../helpers/auth';
import { binary, parseCsv } from '../../helpers/csv';
import { clearDatabase, useTestDatabase } from '../../helpers/db';
import { insertResponse } from '../../helpers/responses';

useTestDatabase();
const { app } = buildTestApp();

let moderator: SignedIn;
let regional: SignedIn;
const hostileTitle = '=HYPERLINK("http://x","clic")';
beforeAll(async () => {
  await clearDatabase();
  moderator = await loginAs(app, { role: 'moderator' });
  regional = await loginAs(app, { role: 'moderator', regions: ['84'] });
  for (let i = 0; i < 12; i++) {
    await insertResponse({ example: i, status: i % 2 ? 'recue' : 'en-examen' });
  }
  await insertResponse({
    example: 1,
    status: 'recue',
    answers: { titrePratique: hostileTitle, nomStructure: '@SUM(A1)', resumePratique: '-1+2' },
  });
});

const column = (label: string) => exportHeaders.indexOf(label);
const title = column('Titre de la pratique');

/** Every stored answer of a response in the export's words (see the review page's display). */
async function storedRecue() {
  return ResponseModel.find({ 'summary.status': 'recue' })
    .sort({ 'summary.submittedAt': 1 })
    .lean();
}

describe('responses export', () => {
  it('when the inbox filter is exported as CSV, then it parses back to the stored answers, one column per question, formulas neutralised', async () => {
    const res = await moderator.agent
      .get('/moderation/export.csv?statut=recue')
      .buffer(true)
      .parse(binary);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
    // The file is named after the day in Paris (where it is midnight an hour or two before UTC).
    const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Paris' }).format(new Date());
    expect(res.headers['content-disposition']).toMatch(
      new RegExp(`^attachment; filename="?reponses-${today}\\.csv"?$`),
    );
    const body = (res.body as Buffer).toString('utf8');
    expect(body.startsWith('\ufeff')).toBe(true);
    const [headers, ...records] = parseCsv(body.slice(1));
    expect(headers).toEqual(exportHeaders);
    expect(headers.length).toBe(7 + allQuestions.length);
    const stored = await storedRecue();
    expect(records.map((r) => r[0])).toEqual(stored.map((s) => s.summary!.reference));
    for (const [i, r] of records.entries()) {
      const answers = stored[i].answers;
      expect(r[2]).toBe('Reçue');
      expect(r[column("Heures d'insertion prévues")]).toBe(String(answers.heuresPrevues));
      expect(r[column('Nom de votre structure')]).toBe(
        /^[=+\-@]/.test(String(answers.nomStructure))
          ? `'${answers.nomStructure}`
          : answers.nomStructure,
      );
      expect(r[column('Thématiques de la pratique')].split(' | ')).toHaveLength(
        (answers.thematiques as string[]).length,
      );
    }
    const hostile = records.find((r) => r[title].includes('HYPERLINK'))!;
    expect(hostile[title]).toBe(`'${hostileTitle}`);
    expect(hostile[column('Résumé')]).toBe("'-1+2");
  });

  it('when exported as XLSX, then a spreadsheet reader finds the same cells, numbers as numbers and formulas as plain text', async () => {
    const res = await moderator.agent
      .get('/moderation/export.xlsx?statut=recue')
      .buffer(true)
      .parse(binary);
    expect(res.status).toBe(200);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(Uint8Array.from(res.body as Buffer).buffer);
    const sheet = workbook.getWorksheet('Réponses')!;
    const values = (n: number) => (sheet.getRow(n).values as unknown[]).slice(1);
    expect(values(1)).toEqual(exportHeaders);
    const stored = await storedRecue();
    expect(sheet.actualRowCount).toBe(stored.length + 1);
    for (const [i, s] of stored.entries()) {
      const row = sheet.getRow(i + 2);
      expect(row.getCell(1).value).toBe(s.summary!.reference);
      expect(row.getCell(column('Nombre de participants') + 1).value).toBe(s.answers.participants);
    }
    const hostileRow = stored.findIndex((s) => s.answers.titrePratique === hostileTitle) + 2;
    const cell = sheet.getRow(hostileRow).getCell(title + 1);
    // A string cell is inert: shown as typed, no apostrophe.
    expect(cell.type).toBe(ExcelJS.ValueType.String);
    expect(cell.value).toBe(hostileTitle);
  });

  it('when a regional moderator exports, then only their région is in the file, and the journal records the export', async () => {
    const res = await regional.agent.get('/moderation/export.csv').buffer(true).parse(binary);
    const records = parseCsv((res.body as Buffer).toString('utf8').slice(1)).slice(1);
    const expected = await ResponseModel.countDocuments({ 'summary.region': '84' });
    expect(records).toHaveLength(expected);
    expect(records.every((r) => r[3] === 'Auvergne-Rhône-Alpes')).toBe(true);
    const event = await AuditEventModel.findOne({
      action: 'responses.exported',
      'actor.email': regional.user.email,
    }).lean();
    expect(event!.details).toMatchObject({ format: 'csv', count: expected });
  });

  it('when an export is asked with a hostile filter or anonymously, then 400 or the login page, never a file', async () => {
    const bad = await moderator.agent.get('/moderation/export.csv?statut=__proto__');
    expect(bad.status).toBe(400);
    const injected = await moderator.agent.get('/moderation/export.xlsx?region[$ne]=x');
    expect([200, 400]).toContain(injected.status);
    const { default: request } = await import('supertest');
    const anonymous = await request(app).get('/moderation/export.csv');
    expect(anonymous.status).toBe(302);
  });

  it('when many responses are exported (one sorted pass) or few (reads by id), then the rows are the same, in the same order', async () => {
    const collect = async (readsById: number, scope?: string[]) => {
      const rows = [];
      for await (const r of exportRows({}, scope, readsById)) rows.push(r);
      return rows;
    };
    const byId = await collect(1000);
    expect(byId).toHaveLength(await ResponseModel.countDocuments({ status: 'envoyee' }));
    expect(await collect(0)).toEqual(byId);
    const regionalRows = await collect(0, ['84']);
    expect(regionalRows).toEqual(await collect(1000, ['84']));
    expect(regionalRows).toHaveLength(
      await ResponseModel.countDocuments({ 'summary.region': '84' }),
    );
  });
});
