import { NotFoundError } from './errors';

/** « Monter » / « Descendre » buttons of an ordered list. */
export type Direction = 'monter' | 'descendre';

/** Stored order first, then title (two items put at the same place stay in a stable order). */
export const byPosition = <T extends { position: number; title: string }>(a: T, b: T) =>
  a.position - b.position || a.title.localeCompare(b.title, 'fr');

/** The list with one item moved one place up or down (unchanged at either end). */
export function moved<T extends { id: string }>(list: T[], id: string, direction: Direction): T[] {
  const i = list.findIndex((x) => x.id === id);
  if (i < 0) throw new NotFoundError();
  const j = direction === 'monter' ? i - 1 : i + 1;
  if (j < 0 || j >= list.length) return list;
  const out = [...list];
  [out[i], out[j]] = [out[j], out[i]];
  return out;
}

/** What a refused reorder says: the list changed between the page and the click. */
export const orderChanged = 'L’ordre a changé entre-temps : rechargez la page et réessayez.';
