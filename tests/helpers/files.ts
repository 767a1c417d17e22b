import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createDeflateRaw } from 'node:zlib';

/** Small files built in memory, recognisable by their magic bytes (or deliberately not). */
export const samplePdf = Buffer.from('%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n');
export const sampleJpeg = Buffer.concat([
  Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10]),
  Buffer.from('JFIF\0'),
  Buffer.alloc(200, 0x11),
  Buffer.from([0xff, 0xd9]),
]);
/** A Windows executable (MZ header). */
export const sampleExe = Buffer.concat([Buffer.from('MZ'), Buffer.alloc(510, 0x90)]);
export const sampleHtml = Buffer.from(
  '<!DOCTYPE html><html><body><script>alert(1)</script></body></html>',
);

const crcTable = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

/** CRC-32 of a content (ZIP headers carry it). */
function crc32(content: Buffer): number {
  let crc = 0xffffffff;
  for (const byte of content) crc = crcTable[(crc ^ byte) & 0xff] ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}

/** `content` repeated `repeat` times, deflated as it streams (never held whole). */
async function deflated(content: Buffer, repeat: number): Promise<Buffer> {
  const chunks: Buffer[] = [];
  async function* repeated() {
    for (let r = 0; r < repeat; r++) yield content;
  }
  await pipeline(Readable.from(repeated()), createDeflateRaw({ level: 9 }), async (source) => {
    for await (const chunk of source) chunks.push(chunk as Buffer);
  });
  return Buffer.concat(chunks);
}

/**
 * A ZIP archive (what an XLSX file is) of deflated entries. `repeat` inflates an entry to its
 * content repeated that many times: how a decompression bomb is built (its CRC is left as the
 * content's: a bomb is refused before anything checks it).
 */
export async function zipArchive(
  entries: Array<{ name: string; content: Buffer; repeat?: number }>,
): Promise<Buffer> {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const { name, content, repeat = 1 } of entries) {
    const data = await deflated(content, repeat);
    const crc = crc32(content);
    const size = Math.min(content.length * repeat, 0xffffffff);
    const nameBytes = Buffer.from(name);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(8, 8);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(data.length, 18);
    local.writeUInt32LE(size, 22);
    local.writeUInt16LE(nameBytes.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(8, 10);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(data.length, 20);
    central.writeUInt32LE(size, 24);
    central.writeUInt16LE(nameBytes.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, nameBytes, data);
    centrals.push(central, nameBytes);
    offset += local.length + nameBytes.length + data.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}
