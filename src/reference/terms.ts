import { currentTaxonomy, type TaxonomyKind } from './taxonomy';
import { TermModel } from './term.model';

export interface TermOption {
  value: string;
  label: string;
  retired: boolean;
}

/**
 * The terms of one list (admins add, rename, merge and retire them at /moderation/taxonomie), in
 * order, as this process knows them for the current content version.
 */
export async function termsOf(kind: TaxonomyKind): Promise<TermOption[]> {
  return (await currentTaxonomy())[kind].map((t) => ({
    value: t.code,
    label: t.label,
    retired: t.retired,
  }));
}

/** Codes still offered for new choices (retired terms stay on old sheets but are not offered). */
export async function activeCodes(kind: TaxonomyKind): Promise<string[]> {
  return (await termsOf(kind)).filter((t) => !t.retired).map((t) => t.value);
}

/**
 * Every code a filter on `code` must match: the code and the terms merged into it. Responses keep
 * the codes their respondents chose; the inbox's filters follow a merge through this list.
 */
export async function codesFor(kind: TaxonomyKind, code: string): Promise<string[]> {
  const merged = await TermModel.find({ kind, mergedInto: code }, 'code').lean();
  return [code, ...merged.map((t) => t.code)];
}
