import { Router, type Response } from 'express';
import { sendStoredFile } from '../lib/files/attachment-store';
import { findMedia } from './sheet-media';

/** Streams a sheet's copy: a photo shown inline, a document downloaded. */
export function sendMedia(
  res: Response,
  file: Awaited<ReturnType<typeof findMedia>>,
  cache: string,
) {
  return sendStoredFile(res, file, { disposition: file.inline ? 'inline' : 'attachment', cache });
}

/**
 * Public photos and documents of published sheets: only files copied to a published sheet are
 * reachable, never a response's attachment. No session, no cookie. Moderators see drafts' files
 * in the back office.
 */
export function mediaRoutes(): Router {
  const router = Router();
  router.get('/fiches-medias/:sheetId/:fileId', async (req, res) => {
    const file = await findMedia(String(req.params.sheetId), String(req.params.fileId), false);
    await sendMedia(res, file, 'public, max-age=300');
  });
  return router;
}
