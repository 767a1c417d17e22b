import { inflateRawSync } from 'node:zlib';
import mongoose from 'mongoose';

/**
 * Where in the database any of `needles` still appears: every document of every collection
 * (GridFS file metadata and chunks included), compared as JSON, case-insensitively.
 */
export async function whereStored(needles: string[]): Promise<string[]> {
  const db = mongoose.connection.db!;
  const found: string[] = [];
  const lowered = needles.map((n) => n.toLowerCase());
  for (const { name } of await db.listCollections().toArray()) {
    for (const doc of await db.collection(name).find({}).toArray()) {
      const text = JSON.stringify(doc).toLowerCase();
      const data = (doc as { data?: { buffer?: Buffer } }).data;
      const bytes = data?.buffer ? Buffer.from(data.buffer).toString('latin1').toLowerCase() : '';
      const hit = lowered.find((n) => text.includes(n) || bytes.includes(n));
      if (hit) found.push(`${name}: ${hit}`);
    }
  }
  return found;
}

/** The GridFS files stored for an owner (a response). */
export async function filesOf(ownerId: unknown): Promise<number> {
  return mongoose.connection
    .db!.collection('attachments.files')
    .countDocuments({ 'metadata.ownerId': ownerId });
}

/** The entries of a ZIP archive, read from its central directory (stored or deflated). */
export function unzip(archive: Buffer): Record<string, Buffer> {
  const end = archive.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  const count = archive.readUInt16LE(end + 10);
  let at = archive.readUInt32LE(end + 16);
  const entries: Record<string, Buffer> = {};
  for (let i = 0; i < count; i++) {
    const method = archive.readUInt16LE(at + 10);
    const size = archive.readUInt32LE(at + 20);
    const nameLength = archive.readUInt16LE(at + 28);
    const extra = archive.readUInt16LE(at + 30) + archive.readUInt16LE(at + 32);
    const name = archive.subarray(at + 46, at + 46 + nameLength).toString('utf8');
    const local = archive.readUInt32LE(at + 42);
    const start = local + 30 + archive.readUInt16LE(local + 26) + archive.readUInt16LE(local + 28);
    const data = archive.subarray(start, start + size);
    entries[name] = method === 8 ? inflateRawSync(data) : Buffer.from(data);
    at += 46 + nameLength + extra;
  }
  return entries;
}
