import { Router, type Response } from 'express';
import { openFile } from '../files/attachment-store';
import { findPhoto } from './sheet-photos';

/** Streams a sheet's photo copy, shown inline (images only were copied). */
export function sendPhoto(
  res: Response,
  photo: Awaited<ReturnType<typeof findPhoto>>,
  cache: string,
) {
  res.set({
    'Content-Type': photo.contentType,
    'Content-Disposition': `inline; filename*=UTF-8''${encodeURIComponent(photo.filename)}`,
    'Cache-Control': cache,
    'X-Content-Type-Options': 'nosniff',
  });
  const stream = openFile(photo.fileId);
  stream.on('error', (err) => res.destroy(err));
  stream.pipe(res);
}

/**
 * Public photos of published sheets: only files copied to a published sheet are reachable, never
 * a response's attachment. No session, no cookie. Moderators see drafts' photos in the back office.
 */
export function mediaRoutes(): Router {
  const router = Router();
  router.get('/fiches-medias/:sheetId/:fileId', async (req, res) => {
    const photo = await findPhoto(String(req.params.sheetId), String(req.params.fileId), false);
    sendPhoto(res, photo, 'public, max-age=300');
  });
  return router;
}
