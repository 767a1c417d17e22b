import type { Request, RequestHandler } from 'express';
import { setFlash } from './auth-session';
import { ConflictError } from '../lib/errors';

/**
 * A back-office button: runs a change, then goes back (303) with its outcome as the flash
 * message — `done`, or the French message of the conflict that refused it (another moderator
 * acted first, a step not allowed in the current state). Any other error goes to the handler.
 */
export const flashStep =
  (
    run: (req: Request) => Promise<unknown>,
    done: string,
    back: (req: Request) => string,
  ): RequestHandler =>
  async (req, res) => {
    try {
      await run(req);
      await setFlash(req, done);
    } catch (error) {
      if (!(error instanceof ConflictError)) throw error;
      await setFlash(req, error.message);
    }
    res.redirect(303, back(req));
  };
