import type { Readable } from 'node:stream';
import type { Response } from 'express';
import mongoose from 'mongoose';
import { NotFoundError } from '../errors';

/**
 * Attachments live in GridFS (bucket "attachments"), tagged with the id of what owns them, so
 * that no file is ever on an app server's disk.
 */
const bucketName = 'attachments';

function bucket() {
  const db = mongoose.connection.db;
  if (!db) throw new Error('base de données non connectée');
  return new mongoose.mongo.GridFSBucket(db, { bucketName });
}

/**
 * A GridFS upload stream: the file is written in 255 kB chunks as it arrives, never held whole.
 * `id` is known before the first byte, so a partial file can always be deleted (deleteFile).
 */
export function openUpload(filename: string, ownerId: mongoose.Types.ObjectId) {
  return bucket().openUploadStream(filename, { metadata: { ownerId } });
}

export function openFile(id: mongoose.Types.ObjectId): Readable {
  return bucket().openDownloadStream(id);
}

export async function deleteFile(id: mongoose.Types.ObjectId): Promise<void> {
  try {
    await bucket().delete(id);
  } catch (error) {
    // Already gone (a double click on « Supprimer »), or never completed (the driver still removed
    // its chunks): nothing left to do.
    if (!(error instanceof Error && /not found/i.test(error.message))) throw error;
  }
}

/** A stored file as the records that point at it describe it. */
export interface StoredFileRef {
  fileId: mongoose.Types.ObjectId | string;
  filename: string;
  contentType: string;
}

/**
 * Sends a stored file: `attachment` downloads it, `inline` shows it (images only); never sniffed,
 * cached as `cache` says. A record whose file is gone from GridFS is a French 404, not a
 * connection cut in the middle of an answer.
 */
export async function sendStoredFile(
  res: Response,
  file: StoredFileRef,
  options: { disposition: 'attachment' | 'inline'; cache: string },
): Promise<void> {
  const id = new mongoose.Types.ObjectId(String(file.fileId));
  const [stored] = await bucket().find({ _id: id }).limit(1).toArray();
  if (!stored) throw new NotFoundError('Ce fichier n’existe plus.');
  res.set({
    'Content-Type': file.contentType,
    'Content-Length': String(stored.length),
    'Content-Disposition': `${options.disposition}; filename*=UTF-8''${encodeURIComponent(file.filename)}`,
    'Cache-Control': options.cache,
    'X-Content-Type-Options': 'nosniff',
  });
  const stream = openFile(id);
  stream.on('error', (err) => res.destroy(err));
  stream.pipe(res);
}
