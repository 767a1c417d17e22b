import { isEmail } from '../lib/email-address';
import { commune, department, region } from '../reference';
import { termsOf } from '../reference';
import { searchKey } from '../questionnaire';
import { columns } from './import.columns';
import type { RawRow } from './import.parse';
import { multiLine, singleLine } from '../lib/text';

/** A checked row: the values the writers need, by column key. */
export interface ImportRow {
  line: number;
  key: string;
  text: Record<string, string>;
  lists: Record<string, string[]>;
  numbers: Record<string, number>;
  communes: Array<{ code: string; name: string }>;
}

export interface RowError {
  line: number;
  message: string;
}

const split = (v: string) =>
  v
    .split(/[;|]/)
    .map((x) => x.trim())
    .filter(Boolean);

/**
 * Per taxonomy column: each active code, and each active term's label as compared (case, accents
 * and punctuation aside: `searchKey`), → its code.
 */
type Codes = Record<string, Map<string, string>>;

async function activeCodes(): Promise<Codes> {
  const codes: Codes = {};
  for (const c of columns) {
    if (!c.taxonomy) continue;
    const terms = (await termsOf(c.taxonomy)).filter((t) => !t.retired);
    codes[c.key] = new Map([
      ...terms.map((t) => [searchKey(t.label), t.value] as const),
      ...terms.map((t) => [t.value, t.value] as const),
    ]);
  }
  return codes;
}

const codeOf = (codes: Codes, key: string, v: string) =>
  codes[key].get(v) ?? codes[key].get(searchKey(v));

/** Reads one cell into the row, or says what is wrong with it. */
function readCell(
  c: (typeof columns)[number],
  cell: unknown,
  codes: Codes,
  row: ImportRow,
): string | null {
  if (typeof cell !== 'string') return `${c.key} : un texte ou un nombre est attendu`;
  const value = c.kind === 'long' ? multiLine(cell) : singleLine(cell);
  if (!value) return c.required ? `colonne « ${c.key} » vide` : null;
  if (c.kind === 'list' || c.kind === 'keywords') {
    const list = split(value).map((v) =>
      c.kind === 'keywords' ? v.toLowerCase().slice(0, 60) : v,
    );
    if (!c.taxonomy) {
      row.lists[c.key] = list;
      return null;
    }
    row.lists[c.key] = [...new Set(list.map((v) => codeOf(codes, c.key, v) ?? v))];
    const unknown = list.filter((v) => !codeOf(codes, c.key, v));
    return unknown.length ? `${c.key} : code ou libellé inconnu « ${unknown.join(', ')} »` : null;
  }
  if (c.kind === 'communes') {
    const found = split(value).map((code) => ({ code, place: commune(code) }));
    row.communes = found.flatMap((f) => (f.place ? [{ code: f.code, name: f.place.name }] : []));
    const unknown = found.filter((f) => !f.place).map((f) => f.code);
    return unknown.length ? `${c.key} : code INSEE inconnu « ${unknown.join(', ')} »` : null;
  }
  if (c.kind === 'integer') {
    const digits = value.replace(/\s/g, '');
    if (!/^\d{1,9}$/.test(digits)) return `${c.key} : « ${value} » n’est pas un nombre entier`;
    row.numbers[c.key] = Number(digits);
    return null;
  }
  if (c.kind === 'email' && !isEmail(value))
    return `${c.key} : adresse e-mail « ${value} » non valide`;
  if (c.max && value.length > c.max) return `${c.key} : ${c.max} caractères au plus`;
  const code = c.taxonomy ? codeOf(codes, c.key, value) : value;
  if (!code) return `${c.key} : code ou libellé inconnu « ${value} »`;
  row.text[c.key] = code;
  return null;
}

/** The territory of a row: a known région within the importer's, a département inside it. */
function territoryProblems(row: ImportRow, scope?: string[]): string[] {
  const problems: string[] = [];
  const { region: code, departement } = row.text;
  if (code && !region(code)) problems.push(`region : code « ${code} » inconnu`);
  else if (code && scope && !scope.includes(code)) problems.push('region : hors de vos régions');
  const dep = departement && department(departement);
  if (departement && (!dep || dep.region !== code)) {
    problems.push(`departement : « ${departement} » n’est pas un département de la région`);
  }
  const elsewhere = row.communes.filter((c) => commune(c.code)?.department !== departement);
  if (dep && elsewhere.length) {
    const codes = elsewhere.map((c) => c.code).join(', ');
    problems.push(`communes : « ${codes} » hors du département ${departement}`);
  }
  return problems;
}

/**
 * Checks every row against the column mapping; messages in French name the line (as the
 * spreadsheet numbers it: the header is line 1) and the column.
 */
export async function checkRows(raw: RawRow[], scope?: string[]) {
  const codes = await activeCodes();
  const errors: RowError[] = [];
  const rows: ImportRow[] = [];
  const seen = new Set<string>();
  raw.forEach((r, i) => {
    const line = i + 2;
    const row: ImportRow = { line, key: '', text: {}, lists: {}, numbers: {}, communes: [] };
    const problems = columns
      .map((c) => readCell(c, r[c.key] ?? '', codes, row))
      .filter((p): p is string => p !== null);
    row.key = row.text.cle ?? '';
    problems.push(...territoryProblems(row, scope));
    for (const part of ['femmes', 'habitants_qpv']) {
      const n = row.numbers[part];
      if (n !== undefined && n > (row.numbers.participants ?? Infinity)) {
        problems.push(`${part} : ${n} est plus que les ${row.numbers.participants} participants`);
      }
    }
    if (row.key && seen.has(row.key)) problems.push(`cle « ${row.key} » en double dans le fichier`);
    seen.add(row.key);
    if (problems.length) errors.push({ line, message: `Ligne ${line} : ${problems.join(' ; ')}.` });
    else rows.push(row);
  });
  return { rows, errors, total: raw.length };
}
