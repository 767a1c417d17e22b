import type { Readable } from 'node:stream';
import mongoose from 'mongoose';

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
