import type { FieldError } from '../lib/http/validate';
import { region as findRegion, department as findDepartment } from '../reference';
import { activeCodes } from '../reference';
import { contactFields, listFields, resultFields, textFields } from './sheet.fields';
import type { SheetContent } from './sheet.prefill';
import { readTerritory, territoryForm } from './sheet.territory';
import { multiLine, singleLine, slugPattern } from '../lib/text';

export type FormValues = Record<string, string | string[]>;

/** Form values as typed (strings and lists of strings only): safe to show back. */
export function typedForm(body: unknown): FormValues {
  return Object.fromEntries(
    Object.entries((body ?? {}) as Record<string, unknown>).filter(
      ([, v]) =>
        typeof v === 'string' || (Array.isArray(v) && v.every((x) => typeof x === 'string')),
    ),
  ) as FormValues;
}

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
    form[f.name] = typeof v === 'number' ? String(v) : '';
  }
  for (const f of contactFields) form[f.name] = sheet.contact?.[f.key] ?? '';
  form.actorType = sheet.actorType ?? '';
  form.region = sheet.region ?? '';
  form.department = sheet.department ?? '';
  Object.assign(form, territoryForm(sheet));
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

/**
 * Reads and checks the editor form. Choices must be active taxonomy terms, except those the sheet
 * already had (a retired term stays on old sheets); the région one of the user's (`inScope`).
 * Messages in French, one per field.
 */
export async function readSheetForm(
  body: unknown,
  inScope: (region: string) => boolean,
  current: Partial<SheetContent> = {},
): Promise<ReadSheet> {
  const form = typedForm(body);
  const errors: FieldError[] = [];
  const content = { results: {}, contact: {} } as ReadSheet['content'];
  const fields = content as unknown as Record<string, unknown>;

  for (const f of textFields) {
    const value = one(form, f.name, f.long ? multiLine : singleLine);
    if (f.required && !value) errors.push({ field: f.name, message: `Saisissez : ${f.label}` });
    else if (value.length > f.max) {
      errors.push({ field: f.name, message: `${f.label} : ${f.max} caractères au plus` });
    }
    if (value) fields[f.name] = value;
    else if (!f.required) fields[f.name] = undefined;
  }
  const actorTypes = await activeCodes('actorTypes');
  content.actorType = one(form, 'actorType');
  if (!actorTypes.includes(content.actorType) && content.actorType !== current.actorType) {
    errors.push({ field: 'actorType', message: 'Choisissez le type de structure dans la liste' });
  }
  content.region = one(form, 'region');
  if (!findRegion(content.region)) {
    errors.push({ field: 'region', message: 'Choisissez la région dans la liste' });
  } else if (!inScope(content.region)) {
    errors.push({ field: 'region', message: 'Choisissez une de vos régions' });
  }
  content.department = one(form, 'department');
  const dep = findDepartment(content.department);
  if (!dep || dep.region !== content.region) {
    errors.push({
      field: 'department',
      message: 'Saisissez le code d’un département de la région choisie, par exemple 45',
    });
  }
  const place = readTerritory(form, content.department);
  errors.push(...place.errors);
  Object.assign(content, place.territory);
  for (const f of listFields) {
    const allowed = new Set([...(await activeCodes(f.kind)), ...(current[f.name] ?? [])]);
    const chosen = [...new Set(many(form, f.name))];
    if (!chosen.every((c) => allowed.has(c))) {
      errors.push({ field: f.name, message: `${f.label} : choisissez dans la liste` });
    }
    content[f.name] = chosen.filter((c) => allowed.has(c));
  }
  if (content.themes.length === 0 && !errors.some((e) => e.field === 'themes')) {
    errors.push({ field: 'themes', message: 'Choisissez au moins une thématique' });
  }
  content.keywords = [
    ...new Set(
      one(form, 'keywords')
        .split(',')
        .map((k) => k.trim().toLowerCase())
        .filter(Boolean),
    ),
  ];
  if (content.keywords.some((k) => k.length > 60) || content.keywords.length > 20) {
    errors.push({ field: 'keywords', message: 'Mots-clés : 20 au plus, de 60 caractères au plus' });
  }
  for (const f of resultFields) {
    const raw = one(form, f.name).replace(/\s/g, '');
    content.results[f.name] = undefined; // emptied in the editor: removed on save
    if (!raw) continue;
    if (!/^\d{1,9}$/.test(raw)) {
      errors.push({
        field: f.name,
        message: `${f.label} : saisissez un nombre entier, par exemple 1200`,
      });
    } else content.results[f.name] = Number(raw);
  }
  for (const f of contactFields) {
    const value = one(form, f.name);
    if (value.length > 200) errors.push({ field: f.name, message: `${f.label} : trop long` });
    content.contact[f.key] = value || undefined;
  }
  if (content.contact.email && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(content.contact.email)) {
    errors.push({
      field: 'contactEmail',
      message: 'Saisissez une adresse e-mail valide, par exemple nom@exemple.fr',
    });
  }
  const slug = one(form, 'slug');
  if (slug && (!slugPattern.test(slug) || slug.length > 120)) {
    errors.push({
      field: 'slug',
      message: 'Adresse : lettres minuscules sans accent, chiffres et tirets, par exemple ma-fiche',
    });
  }
  const revision = Number(one(form, 'revision'));
  return { errors, content, slug, revision: Number.isInteger(revision) ? revision : -1 };
}

/** The bulk tagging form of the list: ticked sheets, a keyword and/or an active theme. */
export async function readBulkTags(body: unknown) {
  const form = typedForm(body);
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
