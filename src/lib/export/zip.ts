import { crc32, deflateRawSync } from 'node:zlib';

/**
 * A ZIP archive of a few files built in memory (a person's data: one JSON file and their
 * attachments, at most a few tens of MB by the upload limits). UTF-8 names, no ZIP64: enough for
 * what the platform hands out, readable by every archive tool. Entries marked `stored` are kept
 * as they are: PDFs and photos are compressed already, and deflating megabytes of them would
 * hold the event loop for everyone.
 */
export function zipArchive(
  entries: Array<{ name: string; data: Buffer; stored?: boolean }>,
): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const entry of entries) {
    const name = Buffer.from(entry.name, 'utf8');
    const packed = entry.stored ? entry.data : deflateRawSync(entry.data);
    const crc = crc32(entry.data);
    const common = (header: Buffer, at: number) => {
      header.writeUInt16LE(20, at); // version needed
      header.writeUInt16LE(0x0800, at + 2); // UTF-8 names
      header.writeUInt16LE(entry.stored ? 0 : 8, at + 4); // stored or deflated
      header.writeUInt32LE(0, at + 6); // time and date: none
      header.writeUInt32LE(crc, at + 10);
      header.writeUInt32LE(packed.length, at + 14);
      header.writeUInt32LE(entry.data.length, at + 18);
      header.writeUInt16LE(name.length, at + 22);
    };
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    common(local, 4);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4); // made by
    common(central, 6);
    central.writeUInt32LE(offset, 42);
    locals.push(local, name, packed);
    centrals.push(central, name);
    offset += local.length + name.length + packed.length;
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
