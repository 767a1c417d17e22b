import { openFile } from '../lib/files/attachment-store';
import type { PublishedPractice } from './published-set';

/** Photo bytes by file id, for the PDF generator. */
export type Photos = Map<string, Buffer>;

/** pdfkit embeds JPEG and PNG; other images stay on the web page only. */
const embeddable = new Set(['image/jpeg', 'image/png']);

const magic: Record<string, (b: Buffer) => boolean> = {
  'image/jpeg': (b) => b[0] === 0xff && b[1] === 0xd8,
  'image/png': (b) =>
    b.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 13, 10, 26, 10])),
};

async function readAll(id: PublishedPractice['photos'][number]['fileId']): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of openFile(id)) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

/**
 * The photos of these sheets that a PDF can show, read from GridFS once per generation (the PDF
 * is then cached until the content changes). A missing or unreadable file is left out, never an
 * error: the sheet still prints, without that picture.
 */
export async function photoBytes(practices: readonly PublishedPractice[]): Promise<Photos> {
  const photos: Photos = new Map();
  for (const ph of practices.flatMap((p) => p.photos)) {
    if (!embeddable.has(ph.contentType)) continue;
    try {
      const bytes = await readAll(ph.fileId);
      if (magic[ph.contentType](bytes)) photos.set(String(ph.fileId), bytes);
    } catch {
      // Not in GridFS (deleted, or a sheet imported without its files).
    }
  }
  return photos;
}
