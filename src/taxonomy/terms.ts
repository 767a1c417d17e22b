import { taxonomy, type TaxonomyKind } from '../reference/taxonomy';
import { TermModel } from '../reference/term.model';

export interface TermOption {
  value: string;
  label: string;
  retired: boolean;
}

/**
 * The terms of one list as stored (admins add, rename, merge and retire them at
 * /moderation/taxonomie), in order; the seed file's list when the database has none yet.
 */
export async function termsOf(kind: TaxonomyKind): Promise<TermOption[]> {
  const stored = await TermModel.find({ kind }, 'code label retiredAt position')
    .sort({ position: 1 })
    .lean();
  if (stored.length === 0) {
    return taxonomy()[kind].map((t) => ({ value: t.code, label: t.label, retired: false }));
  }
  return stored.map((t) => ({ value: t.code, label: t.label, retired: Boolean(t.retiredAt) }));
}

/** Codes still offered for new choices (retired terms stay on old sheets but are not offered). */
export async function activeCodes(kind: TaxonomyKind): Promise<string[]> {
  return (await termsOf(kind)).filter((t) => !t.retired).map((t) => t.value);
}
