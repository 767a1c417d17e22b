import { randomBytes } from 'node:crypto';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import mongoose from 'mongoose';
import { deleteFile, openFile, openUpload } from '../../src/lib/files/attachment-store';
import { useTestDatabase } from '../helpers/db';
import { contract, rawDb } from './contract';

useTestDatabase();

async function read(stream: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

/** 600 kB: three chunks of GridFS's default 255 kB. */
const data = randomBytes(600 * 1024);
const ownerId = new mongoose.Types.ObjectId();

/** Streams `bytes` into GridFS as the upload storage engine does (src/files/upload-storage.ts). */
async function storeFile(filename: string, bytes: Buffer) {
  const upload = openUpload(filename, ownerId);
  await pipeline(Readable.from([bytes]), upload);
  return upload.id;
}

contract('GridFS openUploadStream / openDownloadStream', () => {
  it('when a file larger than a chunk is stored, then it is split in chunks and read back byte for byte', async () => {
    const id = await storeFile('plan.pdf', data);
    const file = await rawDb().collection('attachments.files').findOne({ _id: id });
    expect(file).toMatchObject({
      filename: 'plan.pdf',
      length: data.length,
      metadata: { ownerId },
    });
    expect(await rawDb().collection('attachments.chunks').countDocuments({ files_id: id })).toBe(3);
    expect((await read(openFile(id))).equals(data)).toBe(true);
  });
});

contract('GridFS delete', () => {
  it('when a file is deleted, then its description and chunks are gone, and deleting it again is a no-op', async () => {
    const id = await storeFile('photo.jpg', data);
    await deleteFile(id);
    expect(await rawDb().collection('attachments.files').countDocuments({ _id: id })).toBe(0);
    expect(await rawDb().collection('attachments.chunks').countDocuments({ files_id: id })).toBe(0);
    await expect(deleteFile(id)).resolves.toBeUndefined();
    await expect(read(openFile(id))).rejects.toThrow(/not found/i);
  });
});
