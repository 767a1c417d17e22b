import { region } from '../reference';
import { regionTile, tiledRegions } from '../reference';

export const tileSize = 64;

/** The /rencontres overview's map: tiles of régions with a meeting link to it. */
export function regionMap(meetings: Array<{ region: string; slug: string; title: string }>) {
  return tiledRegions.map((code) => {
    const meeting = meetings.find((m) => m.region === code);
    const tile = regionTile(code, tileSize + 8, 16)!;
    return {
      code,
      short: tile.short,
      name: region(code)?.name ?? code,
      x: tile.x + 4,
      y: tile.y + 4,
      href: meeting ? `/rencontres/${meeting.slug}` : undefined,
      meetingTitle: meeting?.title,
    };
  });
}
