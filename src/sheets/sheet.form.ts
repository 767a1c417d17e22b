import {
  lineField,
  listField,
  textBlockField,
  type FieldError,
  type FormValues,
} from '../lib/http/form';
import { region as findRegion, department as findDepartment } from '../reference';
import { activeCodes } from '../reference';
import { contactFields, listFields, resultFields, textFields } from './sheet.fields';
import type { SheetContent } from './sheet.prefill';
import { periodForm, readPeriod } from './sheet.period';
import { readTerritory, territoryForm } from './sheet.territory';
import { isEmail } from '../lib/email-address';
import { multiLine, singleLine, slugPattern } from '../lib/text';

export type { FormValues };

/** The editor's fields, declared and cleaned by `readForm`; the checks are `readSheetForm`'s. */
export const sheetFormFields = () => [
  ...textFields.map((f) => (f.long ? textBlockField(f.name) : lineField(f.name))),
  ...listFields.map((f) => listField(f.name)),
  ...resultFields.map((f) => lineField(f.name)),
  ...contactFields.map((f) => lineField(f.name)),
  ...[
    'actorType',
    'region',
    'department',
    'communes',
    'npnruProject',
    'keywords',
    'startDate',
    'endDate',
    'slug',
    'revision',
  ].map((n) => lineField(n)),
  textBlockField('qpv'),
  listField('npnru'),
  listField('ongoing'),
];

/** The bulk tagging form of the list. */
export const bulkTagFields = () => [listField('ids'), lineField('keyword'), lineField('theme')];

const one = (form: FormValues, name: string, lines = singleLine) => {
  const v = form[name];
  return typeof v === 'string' ? lines(v) : '';
};
const many = (form: FormValues, name: string) => {
  const v = form[name];
  return v === undefined ? [] : Array.isArray(v) ? v : [v];
};

/** The editor form of a stored sheet (or of a pre-filled one). */
export function formOf(sheet: Partial<SheetContent> & { slug?: string; revision?: number }) {
  const form: FormValues = {};
  for (const f of textFields) form[f.name] = String(sheet[f.name] ?? '');
  for (const f of listFields) form[f.name] = [...(sheet[f.name] ?? [])];
  for (const f of resultFields) {
    const v = sheet.results?.[f.name];
    form[f.name] = typeof v === 'number' ? v.toLocaleString('fr-FR', { useGrouping: false }) : '';
  }
  for (const f of contactFields) form[f.name] = sheet.contact?.[f.key] ?? '';
  form.actorType = sheet.actorType ?? '';
  form.region = sheet.region ?? '';
  form.department = sheet.department ?? '';
  Object.assign(form, territoryForm(sheet), periodForm(sheet));
  form.npnruProject = sheet.npnruProject ?? '';
  form.keywords = (sheet.keywords ?? []).join(', ');
  form.slug = sheet.slug ?? '';
  form.revision = String(sheet.revision ?? 0);
  return form;
}

export interface ReadSheet {
  errors: FieldError[];
  content: SheetContent;
  slug: string;
  revision: number;
}

type Content = ReadSheet['content'];
type Fail = (field: string, message: string) => void;

function readTexts(form: FormValues, content: Content, fail: Fail) {
  const fields = content as unknown as Record<string, unknown>;
  for (const f of textFields) {
    const value = one(form, f.name, f.long ? multiLine : singleLine);
    if (f.required && !value) fail(f.name, `Saisissez : ${f.label}`);
    else if (value.length > f.max) fail(f.name, `${f.label} : ${f.max} caractères au plus`);
    if (value) fields[f.name] = value;
    else if (!f.required) fields[f.name] = undefined;
  }
}

/** Who and where: actor type, région (one of the user's), département, communes and QPV. */
async function readPlace(
  form: FormValues,
  content: Content,
  inScope: (region: string) => boolean,
  current: Partial<SheetContent>,
  fail: Fail,
) {
  const actorTypes = await activeCodes('actorTypes');
  content.actorType = one(form, 'actorType');
  if (!actorTypes.includes(content.actorType) && content.actorType !== current.actorType) {
    fail('actorType', 'Choisissez le type de structure dans la liste');
  }
  content.region = one(form, 'region');
  if (!findRegion(content.region)) fail('region', 'Choisissez la région dans la liste');
  else if (!inScope(content.region)) fail('region', 'Choisissez une de vos régions');
  content.department = one(form, 'department');
  const dep = findDepartment(content.department);
  if (!dep || dep.region !== content.region) {
    fail('department', 'Saisissez le code d’un département de la région choisie, par exemple 45');
  }
  const place = readTerritory(form, content.department);
  for (const e of place.errors) fail(e.field, e.message);
  Object.assign(content, place.territory);
  content.npnruProject = one(form, 'npnruProject') || undefined;
  if ((content.npnruProject ?? '').length > 200) {
    fail('npnruProject', 'Nom du projet NPNRU : 200 caractères au plus');
  }
}

/** Classification: taxonomy lists (at least one theme) and free keywords. */
async function readLists(
  form: FormValues,
  content: Content,
  current: Partial<SheetContent>,
  fail: Fail,
) {
  for (const f of listFields) {
    const allowed = new Set([...(await activeCodes(f.kind)), ...(current[f.name] ?? [])]);
    const chosen = [...new Set(many(form, f.name))];
    if (!chosen.every((c) => allowed.has(c))) fail(f.name, `${f.label} : choisissez dans la liste`);
    content[f.name] = chosen.filter((c) => allowed.has(c));
  }
  // An unknown theme already has its message.
  if (many(form, 'themes').length === 0) {
    fail('themes', 'Choisissez au moins une thématique');
  }
  const keywords = one(form, 'keywords')
    .split(',')
    .map((k) => k.trim().toLowerCase())
    .filter(Boolean);
  content.keywords = [...new Set(keywords)];
  if (content.keywords.some((k) => k.length > 60) || content.keywords.length > 20) {
    fail('keywords', 'Mots-clés : 20 au plus, de 60 caractères au plus');
  }
}

function readResultsAndContact(form: FormValues, content: Content, fail: Fail) {
  for (const f of resultFields) {
    const raw = one(form, f.name).replace(/\s/g, '');
    content.results[f.name] = undefined; // emptied in the editor: removed on save
    if (!raw) continue;
    const decimal = 'decimal' in f && f.decimal;
    if (decimal ? !/^\d{1,7}([.,]\d{1,2})?$/.test(raw) : !/^\d{1,9}$/.test(raw)) {
      const example = decimal ? '12,5' : '1200';
      fail(f.name, `${f.label} : saisissez un nombre, par exemple ${example}`);
    } else content.results[f.name] = Number(raw.replace(',', '.'));
  }
  for (const f of contactFields) {
    const value = one(form, f.name);
    if (value.length > 200) fail(f.name, `${f.label} : trop long`);
    content.contact[f.key] = value || undefined;
  }
  if (content.contact.email && !isEmail(content.contact.email)) {
    fail('contactEmail', 'Saisissez une adresse e-mail valide, par exemple nom@exemple.fr');
  }
}

/**
 * Reads and checks the editor form. Choices must be active taxonomy terms, except those the sheet
 * already had (a retired term stays on old sheets); the région one of the user's (`inScope`).
 * Messages in French, one per field.
 */
export async function readSheetForm(
  form: FormValues,
  inScope: (region: string) => boolean,
  current: Partial<SheetContent> = {},
): Promise<ReadSheet> {
  const errors: FieldError[] = [];
  const fail: Fail = (field, message) => errors.push({ field, message });
  const content = { results: {}, contact: {} } as Content;
  readTexts(form, content, fail);
  await readPlace(form, content, inScope, current, fail);
  await readLists(form, content, current, fail);
  readResultsAndContact(form, content, fail);
  Object.assign(content, readPeriod(form, fail));
  const slug = one(form, 'slug');
  if (slug && (!slugPattern.test(slug) || slug.length > 120)) {
    fail(
      'slug',
      'Adresse : lettres minuscules sans accent, chiffres et tirets, par exemple ma-fiche',
    );
  }
  const revision = Number(one(form, 'revision'));
  return { errors, content, slug, revision: Number.isInteger(revision) ? revision : -1 };
}

/** The bulk tagging form of the list: ticked sheets, a keyword and/or an active theme. */
export async function readBulkTags(form: FormValues) {
  const ids = many(form, 'ids').filter((id) => /^[a-f0-9]{24}$/.test(id));
  const keyword = one(form, 'keyword').toLowerCase();
  const theme = one(form, 'theme');
  const errors: FieldError[] = [];
  if (ids.length === 0) errors.push({ field: 'ids', message: 'Cochez au moins une fiche' });
  if (!keyword && !theme) {
    errors.push({ field: 'keyword', message: 'Saisissez un mot-clé ou choisissez une thématique' });
  }
  if (keyword.length > 60)
    errors.push({ field: 'keyword', message: 'Mot-clé : 60 caractères au plus' });
  if (theme && !(await activeCodes('themes')).includes(theme)) {
    errors.push({ field: 'theme', message: 'Choisissez une thématique de la liste' });
  }
  return { errors, ids, tags: { ...(keyword && { keyword }), ...(theme && { theme }) } };
}
