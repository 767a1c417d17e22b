import { openFile } from '../lib/files/attachment-store';
import { zipArchive } from '../lib/export/zip';
import type { Config } from '../lib/config';
import type { DataSubject, HeldItem, ReportLine } from '../lib/personal-data';
import { personalDataRegistry } from './registry';

/** Everything the platform holds about a person, declaration by declaration. */
export async function heldAbout(config: Config, subject: DataSubject): Promise<HeldItem[]> {
  const items: HeldItem[] = [];
  for (const declaration of personalDataRegistry(config)) {
    items.push(...(await declaration.find(subject)));
  }
  return items;
}

/**
 * Erases a person everywhere, higher layers first (a sheet still finds its response before the
 * response is touched): one report, lines of the same kind added up.
 */
export async function eraseEverywhere(config: Config, subject: DataSubject): Promise<ReportLine[]> {
  const now = new Date();
  const lines = new Map<string, ReportLine>();
  for (const declaration of personalDataRegistry(config).reverse()) {
    for (const l of await declaration.erase(subject, now)) {
      const key = `${l.what}|${l.how}`;
      const known = lines.get(key);
      if (known) known.count += l.count;
      else lines.set(key, { ...l });
    }
  }
  return [...lines.values()].reverse();
}

/** A file name that stays one name in any archive tool (no folder, no control character). */
const safeName = (name: string) =>
  [...name]
    .map((c) => (c < ' ' || '\\/:*?"<>|'.includes(c) ? '_' : c))
    .join('')
    .slice(0, 120);

async function read(stream: NodeJS.ReadableStream): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

/** The data as one machine-readable JSON file (art. 15 and 20), and the files, in one ZIP. */
export async function dataArchive(items: HeldItem[], exportedAt = new Date()): Promise<Buffer> {
  const json = JSON.stringify(
    {
      exporteLe: exportedAt.toISOString(),
      source: 'Bonnes pratiques de la clause sociale – Tour de France de la clause sociale',
      elements: items.map((i) => ({ element: i.label, etat: i.detail ?? null, donnees: i.data })),
    },
    null,
    2,
  );
  const entries: Parameters<typeof zipArchive>[0] = [
    { name: 'mes-donnees.json', data: Buffer.from(json, 'utf8') },
  ];
  let n = 0;
  for (const item of items) {
    for (const file of item.files ?? []) {
      n += 1;
      entries.push({
        name: `fichiers/${n}-${safeName(file.filename)}`,
        data: await read(openFile(file.id)),
        stored: true,
      });
    }
  }
  return zipArchive(entries);
}
