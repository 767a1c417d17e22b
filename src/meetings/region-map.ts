import { region } from '../reference/geography';

/**
 * A schematic map of the régions (one tile each, placed roughly where the région is), for the
 * /rencontres overview. Tiles of régions with a meeting link to it; the list beside the map
 * carries the same information for anyone who does not use the map.
 */
const tiles: Array<[code: string, col: number, row: number, short: string]> = [
  ['32', 3, 0, 'HDF'],
  ['28', 2, 1, 'NOR'],
  ['11', 3, 1, 'IDF'],
  ['44', 4, 1, 'GES'],
  ['53', 0, 2, 'BRE'],
  ['52', 1, 2, 'PDL'],
  ['24', 2, 2, 'CVL'],
  ['27', 3, 2, 'BFC'],
  ['75', 1, 3, 'NAQ'],
  ['84', 3, 3, 'ARA'],
  ['76', 2, 4, 'OCC'],
  ['93', 3, 4, 'PAC'],
  ['94', 4, 4, 'COR'],
  ['01', 0, 5, 'GUA'],
  ['02', 1, 5, 'MAR'],
  ['03', 2, 5, 'GUY'],
  ['04', 3, 5, 'REU'],
  ['06', 4, 5, 'MAY'],
];

export const tileSize = 64;

export function regionMap(meetings: Array<{ region: string; slug: string; title: string }>) {
  return tiles.map(([code, col, row, short]) => {
    const meeting = meetings.find((m) => m.region === code);
    return {
      code,
      short,
      name: region(code)?.name ?? code,
      x: col * (tileSize + 8) + 4,
      y: row * (tileSize + 8) + (row === 5 ? 20 : 4),
      href: meeting ? `/rencontres/${meeting.slug}` : undefined,
      meetingTitle: meeting?.title,
    };
  });
}
