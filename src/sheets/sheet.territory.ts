import type { FieldError } from '../lib/http/form';
import { commune as findCommune } from '../reference';
import { normaliseQpvCode, qpvGeneration } from '../reference';
import type { SheetContent } from './sheet.prefill';

/**
 * The sheet's territory in the editor: communes as INSEE codes (« 45234, 45284 »), QPV one per
 * line (« QP045004 La Source »), and whether the practice is part of an NPNRU project.
 */
type Territory = Pick<SheetContent, 'communes' | 'qpv' | 'npnru'>;
type FormValues = Record<string, string | string[]>;

const maxCommunes = 50;
const maxQpv = 30;
const text = (form: FormValues, name: string) =>
  typeof form[name] === 'string' ? (form[name] as string) : '';

export function territoryForm(sheet: Partial<Territory>): FormValues {
  return {
    communes: (sheet.communes ?? []).map((c) => c.code).join(', '),
    qpv: (sheet.qpv ?? []).map((q) => `${q.code} ${q.name}`).join('\n'),
    npnru: sheet.npnru ? ['oui'] : [],
  };
}

/** Names of the communes typed so far that exist (shown under the field). */
export function communeNames(form: FormValues): string[] {
  return codesOf(form).flatMap((code) => {
    const found = findCommune(code);
    return found ? [`${found.name} (${code})`] : [];
  });
}

const codesOf = (form: FormValues) => [
  ...new Set(
    text(form, 'communes')
      .split(/[\s,;]+/)
      .filter(Boolean),
  ),
];

/** Reads and checks the territory fields; communes must belong to the chosen département. */
export function readTerritory(form: FormValues, department: string) {
  const errors: FieldError[] = [];
  const codes = codesOf(form);
  const communes = codes.flatMap((code) => {
    const found = findCommune(code);
    return found?.department === department ? [{ code, name: found.name }] : [];
  });
  if (codes.length > maxCommunes) {
    errors.push({ field: 'communes', message: `Communes : ${maxCommunes} au plus` });
  } else if (communes.length < codes.length) {
    const unknown = codes.filter((c) => !communes.some((k) => k.code === c));
    errors.push({
      field: 'communes',
      message: `Communes : code INSEE inconnu dans le département ${department || 'choisi'} : ${unknown.join(', ')}`,
    });
  }
  const lines = text(form, 'qpv')
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter(Boolean);
  const qpv: Territory['qpv'] = [];
  lines.forEach((line, i) => {
    const match = /^(\S+)\s+(.{2,120})$/.exec(line);
    const code = match ? normaliseQpvCode(match[1]) : '';
    const generation = qpvGeneration(code);
    if (!match || !generation) {
      errors.push({
        field: 'qpv',
        message: `QPV, ligne ${i + 1} : saisissez le code puis le nom, par exemple QP045004 La Source`,
      });
    } else if (!qpv.some((q) => q.code === code)) {
      qpv.push({ code, name: match[2].trim(), generation });
    }
  });
  if (lines.length > maxQpv) errors.push({ field: 'qpv', message: `QPV : ${maxQpv} au plus` });
  const npnru = form.npnru === 'oui' || (Array.isArray(form.npnru) && form.npnru.includes('oui'));
  return { errors, territory: { communes, qpv, npnru } as Territory };
}
