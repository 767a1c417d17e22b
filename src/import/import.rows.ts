import { isEmail } from '../lib/email-address';
import { department, region } from '../reference';
import { termsOf } from '../reference';
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
 * Checks every row against the column mapping; messages in French name the line (as the
 * spreadsheet numbers it: the header is line 1) and the column.
 */
export async function checkRows(raw: RawRow[], scope?: string[]) {
  const codes: Record<string, Set<string>> = {};
  for (const c of columns) {
    if (c.taxonomy)
      codes[c.key] = new Set(
        (await termsOf(c.taxonomy)).filter((t) => !t.retired).map((t) => t.value),
      );
  }
  const errors: RowError[] = [];
  const rows: ImportRow[] = [];
  const seen = new Set<string>();
  raw.forEach((r, i) => {
    const line = i + 2;
    const problems: string[] = [];
    const row: ImportRow = { line, key: '', text: {}, lists: {}, numbers: {} };
    for (const c of columns) {
      const cell = r[c.key] ?? '';
      if (typeof cell !== 'string') {
        problems.push(`${c.key} : un texte ou un nombre est attendu`);
        continue;
      }
      const value = c.kind === 'long' ? multiLine(cell) : singleLine(cell);
      if (!value) {
        if (c.required) problems.push(`colonne « ${c.key} » vide`);
        continue;
      }
      if (c.kind === 'list' || c.kind === 'keywords') {
        const list = split(value).map((v) =>
          c.kind === 'keywords' ? v.toLowerCase().slice(0, 60) : v,
        );
        const unknown = c.taxonomy ? list.filter((v) => !codes[c.key].has(v)) : [];
        if (unknown.length) problems.push(`${c.key} : code inconnu « ${unknown.join(', ')} »`);
        row.lists[c.key] = list;
      } else if (c.kind === 'integer') {
        const digits = value.replace(/\s/g, '');
        if (!/^\d{1,9}$/.test(digits))
          problems.push(`${c.key} : « ${value} » n’est pas un nombre entier`);
        else row.numbers[c.key] = Number(digits);
      } else if (c.kind === 'email' && !isEmail(value)) {
        problems.push(`${c.key} : adresse e-mail « ${value} » non valide`);
      } else if (c.max && value.length > c.max) {
        problems.push(`${c.key} : ${c.max} caractères au plus`);
      } else if (c.taxonomy && !codes[c.key].has(value)) {
        problems.push(`${c.key} : code inconnu « ${value} »`);
      } else row.text[c.key] = value;
    }
    row.key = row.text.cle ?? '';
    if (row.text.region && !region(row.text.region))
      problems.push(`region : code « ${row.text.region} » inconnu`);
    else if (row.text.region && scope && !scope.includes(row.text.region)) {
      problems.push('region : hors de vos régions');
    }
    const dep = row.text.departement && department(row.text.departement);
    if (row.text.departement && (!dep || dep.region !== row.text.region)) {
      problems.push(
        `departement : « ${row.text.departement} » n’est pas un département de la région`,
      );
    }
    if (row.key && seen.has(row.key)) problems.push(`cle « ${row.key} » en double dans le fichier`);
    seen.add(row.key);
    if (problems.length) errors.push({ line, message: `Ligne ${line} : ${problems.join(' ; ')}.` });
    else rows.push(row);
  });
  return { rows, errors, total: raw.length };
}
