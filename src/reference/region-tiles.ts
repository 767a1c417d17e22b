/**
 * Where each région sits on the schematic tile maps of /rencontres and /chiffres-cles: one square
 * per région placed roughly where it lies, Corse apart, the overseas régions on a last row of
 * their own. It needs no map data and reads the same for everyone; each map has its list or table.
 */
const tiles: Record<string, [col: number, row: number, short: string]> = {
  '32': [3, 0, 'HDF'],
  '28': [2, 1, 'NOR'],
  '11': [3, 1, 'IDF'],
  '44': [4, 1, 'GES'],
  '53': [0, 2, 'BRE'],
  '52': [1, 2, 'PDL'],
  '24': [2, 2, 'CVL'],
  '27': [3, 2, 'BFC'],
  '75': [1, 3, 'NAQ'],
  '84': [3, 3, 'ARA'],
  '76': [2, 4, 'OCC'],
  '93': [3, 4, 'PAC'],
  '94': [4, 5, 'COR'],
  '01': [0, 6, 'GUA'],
  '02': [1, 6, 'MTQ'],
  '03': [2, 6, 'GUF'],
  '04': [3, 6, 'REU'],
  '06': [4, 6, 'MAY'],
};
const overseasRow = 6;

/** The région codes that have a tile, in map order. */
export const tiledRegions = Object.keys(tiles);

/**
 * A région's tile: its short name and top-left corner on a grid of `step` pixels (tile and gap),
 * the overseas row pushed `apart` pixels lower. Undefined for a code without a tile.
 */
export function regionTile(code: string, step: number, apart: number) {
  if (!Object.hasOwn(tiles, code)) return undefined;
  const [col, row, short] = tiles[code];
  return { short, x: col * step, y: row * step + (row === overseasRow ? apart : 0) };
}
