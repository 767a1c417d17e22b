import { once } from 'node:events';
import type { Request } from 'express';
import type { Types } from 'mongoose';
import type { StorageEngine } from 'multer';
import { deleteFile, openUpload } from './attachment-store';
import { cleanBaseName, createTypeSniffer, sanitiseFilename } from './file-type';

/** What is left for this request: files and bytes, and the French messages when it is passed. */
export interface UploadBudget {
  files: number;
  bytes: number;
  tooMany: string;
  tooLarge: string;
}

/** A limit passed while the files were arriving: the page shows `message` beside the field. */
export class UploadLimitError extends Error {
  readonly code = 'UPLOAD_LIMIT';
}

/** What each file of `req.files` holds once stored (or refused for its content). */
export type StoredUpload = {
  fileId: Types.ObjectId;
  filename: string;
  contentType: string;
  size: number;
  image: boolean;
};
export type UploadResult = { originalname: string } & (StoredUpload | { refused: true });

type Upload = ReturnType<typeof openUpload>;
type Sniffer = ReturnType<typeof createTypeSniffer>;

/**
 * Copies one file into its upload as it arrives. Settles when the file has arrived, or as soon as
 * it passes the budget (no need to read on); a file refused for its content is read to its end
 * and dropped.
 */
function receive(
  source: NodeJS.ReadableStream,
  upload: Upload,
  sniffer: Sniffer,
  budget: UploadBudget,
  received: { size: number; refused: boolean },
): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    source.on('data', (chunk: Buffer) => {
      if (received.refused) return;
      received.size += chunk.length;
      budget.bytes -= chunk.length;
      sniffer.push(chunk);
      if (budget.bytes < 0) reject(new UploadLimitError(budget.tooLarge));
      else if (sniffer.refused()) received.refused = true;
      else if (!upload.write(chunk)) {
        source.pause();
        upload.once('drain', () => source.resume());
      }
    });
    source.once('end', resolve);
    source.once('error', reject);
    source.once('close', () => reject(new Error('envoi interrompu')));
  });
}

/**
 * A multer storage engine that streams each file into GridFS as it arrives, identifies it by its
 * content on the way, and stops as soon as the request's budget (files, total bytes) is passed:
 * a request never makes the server hold more than a chunk of it. Files refused for their content
 * are dropped and reported as `{ refused: true }`; anything already written is deleted on error.
 */
export function gridFsStorage(options: {
  ownerId(req: Request): Types.ObjectId;
  budget(req: Request): UploadBudget;
}): StorageEngine & { settled(req: Request): Promise<void> } {
  const budgets = new WeakMap<Request, UploadBudget>();
  const inFlight = new WeakMap<Request, Set<Promise<unknown>>>();

  async function store(req: Request, file: Express.Multer.File): Promise<object> {
    if (!budgets.has(req)) budgets.set(req, { ...options.budget(req) });
    const budget = budgets.get(req)!;
    if (budget.files <= 0) throw new UploadLimitError(budget.tooMany);
    budget.files -= 1;

    const upload = openUpload(cleanBaseName(file.originalname), options.ownerId(req));
    const sniffer = createTypeSniffer();
    const received = { size: 0, refused: false };
    let problem: unknown;
    await receive(file.stream, upload, sniffer, budget, received).catch(
      (error: unknown) => (problem = error),
    );
    // GridFS finishes the chunks it started before anything is deleted: none can land afterwards.
    upload.end();
    await once(upload, 'finish').catch((error: unknown) => (problem ??= error));
    const type = problem || received.refused ? undefined : sniffer.result();
    if (!type) {
      await deleteFile(upload.id);
      if (problem) throw problem;
      return { refused: true };
    }
    return {
      fileId: upload.id,
      filename: sanitiseFilename(file.originalname, type),
      contentType: type.mime,
      size: received.size,
      image: type.image,
    } satisfies StoredUpload;
  }

  return {
    _handleFile(req, file, callback) {
      const stored = store(req, file);
      if (!inFlight.has(req)) inFlight.set(req, new Set());
      inFlight.get(req)!.add(stored);
      stored.then(
        (info) => callback(null, info),
        (error: unknown) => callback(error as Error),
      );
    },
    /**
     * Resolves once every file of the request is stored or cleaned up. multer answers a broken
     * body without waiting for the storage engine: the page waits for this instead, so that no
     * partial file still exists when it says that nothing was stored.
     */
    async settled(req) {
      await Promise.allSettled(inFlight.get(req) ?? []);
    },
    _removeFile(_req, file, callback) {
      const { fileId } = file as unknown as Partial<StoredUpload>;
      if (!fileId) return callback(null);
      deleteFile(fileId).then(() => callback(null), callback);
    },
  };
}
