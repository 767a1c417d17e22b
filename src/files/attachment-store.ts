import { Readable } from 'node:stream';
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

export interface StoredFileInput {
  filename: string;
  contentType: string;
  data: Buffer;
  ownerId: mongoose.Types.ObjectId;
}

export async function storeFile(input: StoredFileInput): Promise<mongoose.Types.ObjectId> {
  const upload = bucket().openUploadStream(input.filename, {
    metadata: { ownerId: input.ownerId, contentType: input.contentType },
  });
  await new Promise<void>((resolve, reject) => {
    Readable.from([input.data]).pipe(upload).on('finish', resolve).on('error', reject);
  });
  return upload.id as mongoose.Types.ObjectId;
}

export function openFile(id: mongoose.Types.ObjectId): Readable {
  return bucket().openDownloadStream(id);
}

export async function deleteFile(id: mongoose.Types.ObjectId): Promise<void> {
  try {
    await bucket().delete(id);
  } catch (error) {
    // Already gone (e.g. a double click on « Supprimer »): nothing left to do.
    if (!(error instanceof Error && /not found/i.test(error.message))) throw error;
  }
}
