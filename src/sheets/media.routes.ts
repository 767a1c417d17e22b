import { Router, type Response } from 'express';
import { openFile } from '../files/attachment-store';
import { findMedia } from './sheet-media';

/** Streams a sheet's copy: a photo shown inline, a document downloaded. */
export function sendMedia(
  res: Response,
  file: Awaited<ReturnType<typeof findMedia>>,
  cache: string,
) {
  res.set({
    'Content-Type': file.contentType,
    'Content-Disposition': `${file.inline ? 'inline' : 'attachment'}; filename*=UTF-8''${encodeURIComponent(file.filename)}`,
    'Cache-Control': cache,
    'X-Content-Type-Options': 'nosniff',
  });
  const stream = openFile(file.fileId);
  stream.on('error', (err) => res.destroy(err));
  stream.pipe(res);
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
    sendMedia(res, file, 'public, max-age=300');
  });
  return router;
}
