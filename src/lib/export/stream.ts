import type { Response } from 'express';

/**
 * Cache-Control of every export: personal data is never stored by a cache, and `no-transform`
 * keeps `compression()` out of the stream — through its gzip stream, each wait for 'drain' below
 * would leave one listener behind (compression proxies `on` but not `off`).
 */
export const exportCacheControl = 'no-store, no-transform';

/** Writes a chunk and waits for the socket to drain when it is full; false once the reader left. */
export async function writeOrWait(res: Response, chunk: string): Promise<boolean> {
  if (res.destroyed) return false;
  if (res.write(chunk)) return true;
  return new Promise((resolve) => {
    const done = (ok: boolean) => {
      res.off('drain', onDrain);
      res.off('close', onClose);
      resolve(ok);
    };
    const onDrain = () => done(true);
    const onClose = () => done(false);
    res.once('drain', onDrain);
    res.once('close', onClose);
  });
}
