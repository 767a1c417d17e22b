import type { Response } from 'express';
import { inRegionScope } from '../accounts';
import type { FieldError } from '../lib/http/form';
import { errorsByField } from '../lib/http/form';
import { regions } from '../reference';
import { termsOf } from '../reference';
import { candidateFiles } from './sheet-media';
import { communeNames } from './sheet.territory';
import { contactFields, listFields, resultFields, statusLabels, textFields } from './sheet.fields';
import type { FormValues } from './sheet.form';
import type { Sheet } from './sheet.service';
import { waitingFor, type EditorSection } from './sheet.workflow';

/** Options of a list: active terms, plus retired ones the form already holds (kept, not offered). */
async function optionsFor(kind: Parameters<typeof termsOf>[0], chosen: string[]) {
  return (await termsOf(kind))
    .filter((t) => !t.retired || chosen.includes(t.value))
    .map((t) => ({ value: t.value, label: t.retired ? `${t.label} (retiré)` : t.label }));
}

const many = (form: FormValues, name: string) => {
  const v = form[name];
  return v === undefined ? [] : Array.isArray(v) ? v : [v];
};

/** Renders the sheet editor (new sheet when `sheet` is absent); 422 with errors, 409 on conflict. */
export async function renderEditor(
  res: Response,
  sections: EditorSection[],
  form: FormValues,
  sheet?: Sheet,
  errors: FieldError[] = [],
  status = errors.length ? 422 : 200,
) {
  const user = res.req.user!;
  const lists = await Promise.all(
    listFields.map(async (f) => ({
      ...f,
      options: await optionsFor(f.kind, many(form, f.name)),
    })),
  );
  res.status(status).render('sheets/editor', {
    pageTitle: sheet ? `Fiche : ${sheet.title}` : 'Nouvelle fiche pratique',
    sheet,
    statusLabel: sheet ? statusLabels[sheet.status as keyof typeof statusLabels] : '',
    waiting: sheet ? waitingFor(sheet) : '',
    form,
    errors,
    errorFor: errorsByField(errors),
    textFields,
    lists,
    resultFields,
    contactFields,
    actorTypes: await optionsFor('actorTypes', many(form, 'actorType')),
    regionOptions: regions().filter((r) => inRegionScope(user, r.code)),
    communeNames: communeNames(form),
    sections: sheet
      ? await Promise.all(
          sections.map(async (s) => ({ view: s.view, locals: await s.locals(user, sheet) })),
        )
      : [],
    candidates: sheet ? await candidateFiles(sheet, 'photos') : [],
    documentCandidates: sheet ? await candidateFiles(sheet, 'documents') : [],
  });
}
