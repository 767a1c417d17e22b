import { PracticeModel } from '../practices/practice.model';

export const slugPattern = /^[a-z0-9]+(-[a-z0-9]+)*$/;

/** A URL slug from a title: lower case ASCII words joined by hyphens (100 characters at most). */
export function slugify(title: string): string {
  const slug = title
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/œ/g, 'oe')
    .replace(/æ/g, 'ae')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 100)
    .replace(/-+$/, '');
  return slug || 'fiche';
}

/** Whether another sheet uses that slug, now or in its history (old links must keep working). */
export async function slugTaken(slug: string, exceptId?: unknown): Promise<boolean> {
  const other = await PracticeModel.exists({
    $or: [{ slug }, { slugHistory: slug }],
    ...(exceptId ? { _id: { $ne: exceptId } } : {}),
  });
  return other !== null;
}

/** The first free slug from a title: `titre`, `titre-2`, `titre-3`… */
export async function freeSlug(title: string): Promise<string> {
  const base = slugify(title);
  for (let n = 1; ; n += 1) {
    const candidate = n === 1 ? base : `${base}-${n}`;
    if (!(await slugTaken(candidate))) return candidate;
  }
}
