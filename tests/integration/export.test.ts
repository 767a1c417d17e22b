import compression from 'compression';
import ExcelJS from 'exceljs';
import express from 'express';
import request from 'supertest';
import { csvLine, neutralise, streamCsv, streamXlsx, type Cell } from '../../src/lib/export';
import { parseCsv } from '../helpers/csv';

const headers = ['Référence', 'Titre', 'Heures', 'Soumise le', 'Consentement'];
const hostile = ['=HYPERLINK("http://x")', '+1', '-2+3', '@SUM(A1)', '\tTAB', '\rCR'];
const rows: Cell[][] = [
  [
    'BP-2026-00001',
    'Clause « sociale » ; guillemets "doubles"\net retour',
    1200,
    new Date('2026-03-01T09:30:00Z'),
    true,
  ],
  ...hostile.map((text, i): Cell[] => [`BP-2026-0000${i + 2}`, text, -5, null, false]),
];

async function* generate(): AsyncIterable<Cell[]> {
  for (const row of rows) yield row;
}

const app = express();
app.get('/export.csv', (_req, res, next) => {
  streamCsv(res, 'réponses.csv', headers, generate()).catch(next);
});
app.get('/export.xlsx', (_req, res, next) => {
  streamXlsx(res, 'réponses.xlsx', 'Réponses', headers, generate()).catch(next);
});

// Behind compression(), as every page of the app is.
const compressed = express();
compressed.use(compression());
compressed.get('/grand.csv', (_req, res, next) => {
  async function* many(): AsyncIterable<Cell[]> {
    for (let i = 0; i < 20_000; i++) yield [`BP-2026-${i}`, 'Une ligne assez longue '.repeat(8)];
  }
  streamCsv(res, 'grand.csv', ['Référence', 'Texte'], many()).catch(next);
});

describe('exports (CSV and XLSX)', () => {
  it('when a large export is streamed behind compression, then it is sent whole, as is, and leaves no listener behind', async () => {
    const warnings: Error[] = [];
    const onWarning = (w: Error) => warnings.push(w);
    process.on('warning', onWarning);
    const res = await request(compressed).get('/grand.csv').set('Accept-Encoding', 'gzip');
    process.off('warning', onWarning);
    expect(res.status).toBe(200);
    expect(res.headers['content-encoding']).toBeUndefined();
    expect(res.headers['cache-control']).toBe('no-store, no-transform');
    expect(res.text.split('\r\n').filter(Boolean)).toHaveLength(20_001);
    expect(warnings.filter((w) => w.name === 'MaxListenersExceededWarning')).toEqual([]);
  });

  it('when a text starts like a formula, then it is prefixed with an apostrophe; other text is kept', () => {
    expect(hostile.map(neutralise)).toEqual(hostile.map((t) => `'${t}`));
    expect(neutralise('Rénovation = emploi')).toBe('Rénovation = emploi');
    expect(csvLine([-5, 'a;b'])).toBe('-5;"a;b"\r\n');
    // French Excel reads « 1.5 » as a date: the decimal separator is a comma.
    expect(csvLine([1.5, 0.75, 1200])).toBe('1,5;0,75;1200\r\n');
  });

  it('when the CSV is downloaded, then it has a BOM, French headers, and parses back to the rows with formulas neutralised', async () => {
    const res = await request(app)
      .get('/export.csv')
      .buffer(true)
      .parse((r, done) => {
        const chunks: Buffer[] = [];
        r.on('data', (c: Buffer) => chunks.push(c));
        r.on('end', () => done(null, Buffer.concat(chunks)));
      });
    expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(res.headers['content-disposition']).toContain('attachment');
    const body = (res.body as Buffer).toString('utf8');
    expect(body.startsWith('\ufeff')).toBe(true);
    const records = parseCsv(body.slice(1));
    expect(records[0]).toEqual(headers);
    expect(records[1]).toEqual([
      'BP-2026-00001',
      'Clause « sociale » ; guillemets "doubles"\net retour',
      '1200',
      '01/03/2026 10:30',
      'oui',
    ]);
    expect(records.slice(2).map((r) => r[1])).toEqual(hostile.map((t) => `'${t}`));
    expect(records.slice(2).every((r) => r[2] === '-5' && r[3] === '' && r[4] === 'non')).toBe(
      true,
    );
  });

  it('when the XLSX is downloaded, then a spreadsheet reader finds the same rows, text cells as typed (never formulas) and dates in Paris time', async () => {
    const res = await request(app)
      .get('/export.xlsx')
      .buffer(true)
      .parse((r, done) => {
        const chunks: Buffer[] = [];
        r.on('data', (c: Buffer) => chunks.push(c));
        r.on('end', () => done(null, Buffer.concat(chunks)));
      });
    expect(res.headers['content-type']).toBe(
      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    );
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(Uint8Array.from(res.body as Buffer).buffer);
    const sheet = workbook.getWorksheet('Réponses')!;
    const values = (n: number) => (sheet.getRow(n).values as unknown[]).slice(1);
    expect(values(1)).toEqual(headers);
    expect(values(2).slice(0, 3)).toEqual(rows[0].slice(0, 3));
    // 09:30 UTC on 1 March is 10:30 in Paris: the cell shows the time the CSV and the inbox show.
    const date = sheet.getRow(2).getCell(4);
    expect(date.value).toEqual(new Date('2026-03-01T10:30:00Z'));
    expect(date.numFmt).toBe('dd/mm/yyyy hh:mm');
    const titles = hostile.map((_, i) => sheet.getRow(i + 3).getCell(2));
    // XML turns a bare carriage return into a line feed when the file is read back.
    expect(titles.map((c) => c.value)).toEqual(hostile.map((t) => t.replace('\r', '\n')));
    expect(titles.every((c) => c.type === ExcelJS.ValueType.String)).toBe(true);
  });
});
