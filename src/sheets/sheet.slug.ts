import { slugify } from '../lib/text';
import { SheetModel } from './sheet.model';

/** Whether another sheet uses that slug, now or in its history (old links must keep working). */
export async function slugTaken(slug: string, exceptId?: unknown): Promise<boolean> {
  const other = await SheetModel.exists({
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

/** Every slug in use, current or former: read once by a bulk writer (an import). */
export async function takenSlugs(): Promise<Set<string>> {
  const sheets = await SheetModel.find({}, { slug: 1, slugHistory: 1 }).lean();
  return new Set(sheets.flatMap((s) => [s.slug, ...(s.slugHistory ?? [])]));
}

/** The first slug from a title that is not in `taken`, which then holds it. */
export function freeSlugAmong(title: string, taken: Set<string>): string {
  const base = slugify(title);
  for (let n = 1; ; n += 1) {
    const candidate = n === 1 ? base : `${base}-${n}`;
    if (!taken.has(candidate)) {
      taken.add(candidate);
      return candidate;
    }
  }
}
