import { constants, crc32, deflateRawSync } from 'node:zlib';

/**
 * A gzip body for a page that is the same for everyone but for a few short values (a form's
 * token): the constant parts are compressed once, the values go in as stored (uncompressed)
 * deflate blocks, and each request pays only a CRC of the page. Each part but the last is
 * compressed on its own and ends with a full flush, which leaves the stream byte-aligned and
 * lets nothing later refer back to it: a stored block can follow. One gzip member, as any
 * browser reads it (RFC 1951 §3.2.4, RFC 1952).
 */
export interface GzipSplice {
  /** The page with `values` between its parts, gzipped. */
  gzip(values: string[]): Buffer;
}

const header = Buffer.from([0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 0xff]);
const maxStored = 0xffff;

function storedBlock(value: Buffer): Buffer {
  if (value.length > maxStored) throw new Error('value too long for one stored block');
  const head = Buffer.alloc(5);
  // BFINAL 0, BTYPE 00 (stored), then the padding to the byte boundary.
  head[0] = 0;
  head.writeUInt16LE(value.length, 1);
  head.writeUInt16LE(~value.length & 0xffff, 3);
  return Buffer.concat([head, value]);
}

export function gzipSplice(parts: Buffer[]): GzipSplice {
  const compressed = parts.map((part, i) =>
    i < parts.length - 1
      ? deflateRawSync(part, { finishFlush: constants.Z_FULL_FLUSH })
      : deflateRawSync(part),
  );
  return {
    gzip(values) {
      const inserted = values.map((v) => Buffer.from(v));
      const plain = Buffer.concat(
        parts.flatMap((p, i) => (i < inserted.length ? [p, inserted[i]] : [p])),
      );
      const trailer = Buffer.alloc(8);
      trailer.writeUInt32LE(crc32(plain), 0);
      trailer.writeUInt32LE(plain.length % 2 ** 32, 4);
      return Buffer.concat([
        header,
        ...compressed.flatMap((c, i) =>
          i < inserted.length ? [c, storedBlock(inserted[i])] : [c],
        ),
        trailer,
      ]);
    },
  };
}
