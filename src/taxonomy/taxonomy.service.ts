import { record } from '../audit';
import type { SessionUser } from '../accounts';
import { ConflictError, NotFoundError } from '../lib/errors';
import { replaceInLists, sheetIndex, sheetIdsWith, updateSheetsOneByOne } from '../sheets';
import { currentTaxonomy, taxonomyKinds, vocabularyChanged, type TaxonomyKind } from '../reference';
import { TermModel } from '../reference';
import { slugify } from '../lib/text';

/** The sheet field that holds each list's codes (actor type is a single value). */
export const sheetFieldOf: Record<TaxonomyKind, string> = {
  themes: 'themes',
  publics: 'publics',
  marketFamilies: 'marketFamilies',
  legalLevers: 'legalLevers',
  actorTypes: 'actorType',
  modalities: 'modalities',
  funders: 'funders',
};

export const kindLabels: Record<TaxonomyKind, string> = {
  themes: 'Thématiques (dont ateliers A, B, C et GUP)',
  publics: 'Publics',
  marketFamilies: 'Familles de marchés',
  legalLevers: 'Leviers juridiques',
  actorTypes: 'Types d’acteurs',
  modalities: 'Modalités de réalisation',
  funders: 'Financeurs',
};

export const isKind = (v: string): v is TaxonomyKind =>
  (taxonomyKinds as readonly string[]).includes(v);

/**
 * How many sheets use each code of each list, in one pass over the sheet index, made again only
 * once a sheet was written.
 */
const usesByKind = sheetIndex.derived((held) => {
  const sheets = held.values() as Iterable<Record<string, unknown>>;
  const counts = new Map(taxonomyKinds.map((kind) => [kind, new Map<string, number>()]));
  const add = (kind: TaxonomyKind, code: unknown) => {
    const codes = counts.get(kind)!;
    codes.set(String(code), (codes.get(String(code)) ?? 0) + 1);
  };
  for (const sheet of sheets) {
    for (const kind of taxonomyKinds) {
      const v = sheet[sheetFieldOf[kind]];
      if (!Array.isArray(v)) add(kind, v);
      // A code listed twice by one sheet counts once.
      else v.forEach((code, i) => v.indexOf(code) === i && add(kind, code));
    }
  }
  return counts;
});

/**
 * Each list with its terms (the vocabularies held in memory) and the number of sheets using each
 * (from the sheet index).
 */
export async function taxonomyOverview() {
  const [vocabulary, counts] = await Promise.all([currentTaxonomy(), usesByKind('')]);
  return taxonomyKinds.map((kind) => ({
    kind,
    label: kindLabels[kind],
    terms: vocabulary[kind].map((t) => ({
      code: t.code,
      label: t.label,
      retired: t.retired,
      mergedInto: t.mergedInto,
      uses: counts.get(kind)!.get(t.code) ?? 0,
    })),
  }));
}

const logChange = (user: SessionUser, kind: string, details: Record<string, string>, ip?: string) =>
  record({
    actor: user,
    action: 'taxonomy.changed',
    target: { type: 'taxonomie', id: kind },
    details,
    ip,
  });

export async function addTerm(user: SessionUser, kind: TaxonomyKind, label: string, ip?: string) {
  const code = slugify(label);
  const last = await TermModel.find({ kind }, 'position').sort({ position: -1 }).limit(1).lean();
  try {
    await TermModel.create({ kind, code, label, position: (last[0]?.position ?? -1) + 1 });
  } catch (error) {
    if ((error as { code?: number }).code === 11000) {
      throw new ConflictError('Un terme de cette liste porte déjà ce nom.');
    }
    throw error;
  }
  await vocabularyChanged();
  await logChange(user, kind, { change: 'ajout', code, label }, ip);
}

export async function renameTerm(
  user: SessionUser,
  kind: TaxonomyKind,
  code: string,
  label: string,
  ip?: string,
) {
  const result = await TermModel.updateOne({ kind, code }, { $set: { label } });
  if (result.matchedCount !== 1) throw new NotFoundError('Ce terme n’existe pas');
  await vocabularyChanged();
  await logChange(user, kind, { change: 'renommage', code, label }, ip);
}

/** Retired: kept on the sheets that have it, no longer offered; `restore` offers it again. */
export async function retireTerm(
  user: SessionUser,
  kind: TaxonomyKind,
  code: string,
  restore: boolean,
  ip?: string,
) {
  const result = await TermModel.updateOne(
    { kind, code, mergedInto: { $exists: false } },
    restore ? { $unset: { retiredAt: '' } } : { $set: { retiredAt: new Date() } },
  );
  if (result.matchedCount !== 1) throw new NotFoundError('Ce terme n’existe pas');
  await vocabularyChanged();
  await logChange(user, kind, { change: restore ? 'rétablissement' : 'retrait', code }, ip);
}

/**
 * Merges `from` into `into`: every sheet that had `from` gets `into` instead (once), `from` is
 * retired and remembered as merged so that filters on `into` also find responses that chose it.
 */
export async function mergeTerms(
  user: SessionUser,
  kind: TaxonomyKind,
  from: string,
  into: string,
  ip?: string,
) {
  if (from === into) throw new ConflictError('Choisissez deux termes différents.');
  const [source, target] = await Promise.all([
    TermModel.findOne({ kind, code: from, mergedInto: { $exists: false } }).lean(),
    TermModel.findOne({ kind, code: into, mergedInto: { $exists: false } }).lean(),
  ]);
  if (!source || !target) throw new NotFoundError('Ce terme n’existe pas');
  const field = sheetFieldOf[kind];
  if (kind === 'actorTypes') {
    const sheets = await sheetIdsWith(field, from);
    await updateSheetsOneByOne(sheets, { $set: { [field]: into } }, { [field]: from });
  } else {
    await replaceInLists(field, from, into);
  }
  await TermModel.updateOne(
    { kind, code: from },
    { $set: { mergedInto: into, retiredAt: new Date() } },
  );
  await TermModel.updateMany({ kind, mergedInto: from }, { $set: { mergedInto: into } });
  await vocabularyChanged();
  await logChange(user, kind, { change: 'fusion', merged: from, into }, ip);
}
