import { regions } from '../reference/geography';
import { taxonomy } from '../reference/taxonomy';
import type { PublishedPractice } from './published-set';

export interface Row {
  code: string;
  label: string;
  count: number;
  /** Share of the published sheets, in percent, one decimal. */
  percent: number;
}

export interface KeyFigures {
  practices: number;
  hours: number;
  fte: number;
  participants: number;
  women: number;
  qpvResidents: number;
  /** Women and QPV residents among the participants of the sheets that state participants. */
  womenPercent: number;
  qpvPercent: number;
  byMarketFamily: Row[];
  byRegion: Row[];
}

/**
 * A schematic tile map of France's régions (one square each, placed roughly where the région
 * lies; overseas régions on the last row): readable, accessible, and needs no map data.
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

export const oneDecimal = (n: number) => Math.round(n * 10) / 10;
const percentOf = (part: number, whole: number) => (whole ? oneDecimal((part / whole) * 100) : 0);

/**
 * Every number of /chiffres-cles, summed here in TypeScript over the published sheets held in
 * memory: no aggregation pipeline (FerretDB 1.24 answers some of them wrongly without error).
 */
export function computeKeyFigures(practices: readonly PublishedPractice[]): KeyFigures {
  const sum = (pick: (p: PublishedPractice) => number | null | undefined) =>
    practices.reduce((total, p) => total + (pick(p) ?? 0), 0);
  const stating = practices.filter((p) => (p.results?.participants ?? 0) > 0);
  const statedParticipants = stating.reduce((t, p) => t + (p.results?.participants ?? 0), 0);
  const rows = (
    entries: Array<{ code: string; label: string }>,
    has: (p: PublishedPractice, code: string) => boolean,
  ) =>
    entries.map(({ code, label }) => {
      const count = practices.filter((p) => has(p, code)).length;
      return { code, label, count, percent: percentOf(count, practices.length) };
    });
  return {
    practices: practices.length,
    hours: sum((p) => p.results?.hoursAchieved),
    fte: oneDecimal(sum((p) => p.results?.fte)),
    participants: sum((p) => p.results?.participants),
    women: sum((p) => p.results?.women),
    qpvResidents: sum((p) => p.results?.qpvResidents),
    womenPercent: percentOf(
      stating.reduce((t, p) => t + (p.results?.women ?? 0), 0),
      statedParticipants,
    ),
    qpvPercent: percentOf(
      stating.reduce((t, p) => t + (p.results?.qpvResidents ?? 0), 0),
      statedParticipants,
    ),
    byMarketFamily: rows(
      taxonomy().marketFamilies.map((t) => ({ code: t.code, label: t.label })),
      (p, code) => p.marketFamilies.includes(code),
    ),
    byRegion: rows(
      regions()
        .filter((r) => Object.hasOwn(tiles, r.code))
        .map((r) => ({ code: r.code, label: r.name })),
      (p, code) => p.region === code,
    ),
  };
}

export function regionTiles(byRegion: Row[]) {
  const max = Math.max(1, ...byRegion.map((r) => r.count));
  return byRegion.map((r) => {
    const [col, row, short] = tiles[r.code];
    return {
      ...r,
      x: col * 84 + 2,
      y: row * 84 + (row === 6 ? 24 : 2),
      short,
      level: r.count ? Math.ceil((r.count / max) * 4) : 0,
    };
  });
}
