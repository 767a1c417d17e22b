import type { Request, RequestHandler } from 'express';
import { rateLimit } from 'express-rate-limit';
import { TooManyRequestsError } from '../errors';
import { MongoRateLimitStore } from './rate-limit-store';

/**
 * Per-IP limit on a route: past `limit` requests in `windowMinutes`, a French 429 page.
 * Counters live in the database (`name` keeps each route's counters apart), so the limit is the
 * same behind any number of app processes.
 */
export function limitPerIp(name: string, limit: number, windowMinutes: number): RequestHandler {
  return limited(name, limit, windowMinutes);
}

/**
 * Per-account limit on a back-office route (after `requireUser`): heavy work such as parsing an
 * import file is limited for each person, wherever they connect from.
 */
export function limitPerAccount(
  name: string,
  limit: number,
  windowMinutes: number,
): RequestHandler {
  return limited(name, limit, windowMinutes, (req) => `compte:${req.user!.id}`);
}

function limited(
  name: string,
  limit: number,
  windowMinutes: number,
  keyGenerator?: (req: Request) => string,
): RequestHandler {
  return rateLimit({
    windowMs: windowMinutes * 60_000,
    limit,
    standardHeaders: 'draft-7',
    legacyHeaders: false,
    store: new MongoRateLimitStore(name),
    ...(keyGenerator && { keyGenerator }),
    handler: (_req, _res, next) => next(new TooManyRequestsError()),
  });
}
