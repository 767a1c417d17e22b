import { regions } from '../reference';
import { publicTerms } from '../reference';
import type { PublishedPractice } from './published-set';
import { regionTile, tiledRegions } from '../reference';

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
  /**
   * Women and QPV residents among the participants, each over the sheets that state both numbers
   * (a sheet stating participants but no women figure says nothing about women).
   */
  womenPercent: number;
  qpvPercent: number;
  /** How many sheets each share is computed over. */
  womenPercentSheets: number;
  qpvPercentSheets: number;
  byMarketFamily: Row[];
  byRegion: Row[];
}

export const oneDecimal = (n: number) => Math.round(n * 10) / 10;
const percentOf = (part: number, whole: number) => (whole ? oneDecimal((part / whole) * 100) : 0);

/**
 * Every number of /chiffres-cles, summed here in TypeScript over the published sheets held in
 * memory: no aggregation pipeline (FerretDB 1.24 answers some of them wrongly without error).
 */
export function computeKeyFigures(practices: readonly PublishedPractice[]): KeyFigures {
  const sum = (pick: (p: PublishedPractice) => number | null | undefined) =>
    practices.reduce((total, p) => total + (pick(p) ?? 0), 0);
  const share = (part: 'women' | 'qpvResidents') => {
    const stating = practices.filter(
      (p) => (p.results?.participants ?? 0) > 0 && typeof p.results?.[part] === 'number',
    );
    const total = (pick: (p: PublishedPractice) => number) =>
      stating.reduce((t, p) => t + pick(p), 0);
    return {
      percent: percentOf(
        total((p) => p.results![part]!),
        total((p) => p.results!.participants!),
      ),
      sheets: stating.length,
    };
  };
  const women = share('women');
  const qpv = share('qpvResidents');
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
    womenPercent: women.percent,
    womenPercentSheets: women.sheets,
    qpvPercent: qpv.percent,
    qpvPercentSheets: qpv.sheets,
    byMarketFamily: rows(
      publicTerms('marketFamilies', (code) =>
        practices.some((p) => p.marketFamilies.includes(code)),
      ).map((t) => ({ code: t.code, label: t.label })),
      (p, code) => p.marketFamilies.includes(code),
    ),
    byRegion: rows(
      regions()
        .filter((r) => tiledRegions.includes(r.code))
        .map((r) => ({ code: r.code, label: r.name })),
      (p, code) => p.region === code,
    ),
  };
}

export function regionTiles(byRegion: Row[]) {
  const max = Math.max(1, ...byRegion.map((r) => r.count));
  return byRegion.map((r) => {
    const tile = regionTile(r.code, 84, 22)!;
    return {
      ...r,
      x: tile.x + 2,
      y: tile.y + 2,
      short: tile.short,
      level: r.count ? Math.ceil((r.count / max) * 4) : 0,
    };
  });
}
