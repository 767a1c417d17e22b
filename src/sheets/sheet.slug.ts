import { slugify } from '../lib/text';
import { sheetIndex } from './sheet-index';

/**
 * Whether another sheet uses that slug, now or in its history (old links must keep working). Read
 * from the sheet index: a slug taken by another process within the last 2 s is caught by the
 * unique index on `slug` when the sheet is written.
 */
export async function slugTaken(slug: string, exceptId?: unknown): Promise<boolean> {
  const except = exceptId === undefined ? undefined : String(exceptId);
  for (const sheet of (await sheetIndex()).values()) {
    if (sheet._id !== except && (sheet.slug === slug || sheet.slugHistory.includes(slug)))
      return true;
  }
  return false;
}

/** The first free slug from a title: `titre`, `titre-2`, `titre-3`… */
export async function freeSlug(title: string): Promise<string> {
  return freeSlugAmong(title, await takenSlugs());
}

/** Every slug in use, current or former. */
export async function takenSlugs(): Promise<Set<string>> {
  return new Set(
    [...(await sheetIndex()).values()].flatMap((s) => [s.slug, ...(s.slugHistory ?? [])]),
  );
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
