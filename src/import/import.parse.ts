import path from 'node:path';
import type ExcelJS from 'exceljs';
import { checkXlsxArchive, XlsxTooLargeError } from './xlsx-limits';

/** A cell that is neither text nor a number (a JSON object, say): a row error, never text. */
export interface NotText {
  notText: true;
}
export type RawRow = Record<string, string | NotText>;
const notText: NotText = { notText: true };

export class ImportFileError extends Error {}

const maxRows = 2000;

/** CSV (RFC 4180 quotes; « ; » or « , » detected from the header line; UTF-8 with or without BOM). */
export function parseCsv(text: string): RawRow[] {
  const source = text.replace(/^\uFEFF/, '');
  const firstLine = source.slice(0, source.search(/\r?\n|$/));
  const sep =
    (firstLine.match(/;/g)?.length ?? 0) >= (firstLine.match(/,/g)?.length ?? 0) ? ';' : ',';
  const records: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < source.length; i++) {
    const c = source[i];
    if (quoted) {
      if (c === '"' && source[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"' && cell === '') quoted = true;
    else if (c === sep) {
      row.push(cell);
      cell = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && source[i + 1] === '\n') i++;
      row.push(cell);
      records.push(row);
      row = [];
      cell = '';
    } else cell += c;
  }
  if (cell !== '' || row.length) records.push([...row, cell]);
  return toRows(records);
}

function toRows(records: string[][]): RawRow[] {
  const [header, ...body] = records.filter((r) => r.some((c) => c.trim() !== ''));
  if (!header) throw new ImportFileError('Le fichier est vide.');
  const keys = header.map((h) => h.trim().toLowerCase());
  if (body.length > maxRows) throw new ImportFileError(`Le fichier dépasse ${maxRows} lignes.`);
  return body.map((r) => Object.fromEntries(keys.map((k, i) => [k, (r[i] ?? '').trim()])));
}

/** The text of an XLSX cell as typed; a formula is kept as its text, never evaluated. */
function cellText(cell: ExcelJS.Cell): string {
  const v = cell.value;
  if (v === null || v === undefined) return '';
  if (typeof v === 'object' && 'formula' in v && v.formula) return `=${v.formula}`;
  if (typeof v === 'object' && 'richText' in v) return v.richText.map((t) => t.text).join('');
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  if (typeof v === 'object' && 'text' in v) return String(v.text);
  return String(v);
}

async function parseXlsx(buffer: Buffer): Promise<RawRow[]> {
  try {
    if (!checkXlsxArchive(buffer)) {
      throw new ImportFileError('Ce fichier n’est pas un classeur Excel (.xlsx) lisible.');
    }
  } catch (error) {
    if (!(error instanceof XlsxTooLargeError)) throw error;
    throw new ImportFileError(
      `Ce classeur est trop volumineux (${error.message}) : importez au plus ${maxRows} lignes, sans image ni mise en forme lourde.`,
    );
  }
  // Loaded on the first import, not at start-up.
  const { default: Excel } = await import('exceljs');
  const workbook = new Excel.Workbook();
  try {
    await workbook.xlsx.load(buffer as unknown as ArrayBuffer);
  } catch {
    throw new ImportFileError('Ce fichier n’est pas un classeur Excel (.xlsx) lisible.');
  }
  const sheet = workbook.worksheets[0];
  if (!sheet) throw new ImportFileError('Le classeur ne contient aucune feuille.');
  const records: string[][] = [];
  sheet.eachRow({ includeEmpty: false }, (row) => {
    const cells: string[] = [];
    for (let c = 1; c <= sheet.columnCount; c++) cells.push(cellText(row.getCell(c)));
    records.push(cells);
  });
  return toRows(records);
}

function parseJson(text: string): RawRow[] {
  let data: unknown;
  try {
    data = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch {
    throw new ImportFileError('Ce fichier n’est pas un JSON valide.');
  }
  if (!Array.isArray(data)) throw new ImportFileError('Le JSON doit être une liste d’objets.');
  if (data.length > maxRows) throw new ImportFileError(`Le fichier dépasse ${maxRows} lignes.`);
  return data.map((item) => {
    const entries = item && typeof item === 'object' ? Object.entries(item) : [];
    return Object.fromEntries(entries.map(([k, v]) => [k.trim().toLowerCase(), jsonCell(v)]));
  });
}

const isScalar = (v: unknown): v is string | number =>
  typeof v === 'string' || typeof v === 'number';

/** A JSON value as a cell: text or a number as typed, a list of them joined by « ; ». */
function jsonCell(value: unknown): string | NotText {
  if (value === null || value === undefined) return '';
  if (isScalar(value)) return String(value).trim();
  if (Array.isArray(value) && value.every(isScalar)) return value.map(String).join(' ; ');
  return notText;
}

/** The rows of a file, by its extension (.csv, .xlsx, .json). */
export async function parseFile(filename: string, buffer: Buffer): Promise<RawRow[]> {
  const ext = path.extname(filename).toLowerCase();
  if (ext === '.csv') return parseCsv(buffer.toString('utf8'));
  if (ext === '.xlsx') return parseXlsx(buffer);
  if (ext === '.json') return parseJson(buffer.toString('utf8'));
  throw new ImportFileError(
    'Format non pris en charge : choisissez un fichier .csv, .xlsx ou .json.',
  );
}
