import type { RequestHandler } from 'express';
import { rateLimit } from 'express-rate-limit';
import { TooManyRequestsError } from '../errors';

/**
 * Per-IP limit on a route: past `limit` requests in `windowMinutes`, a French 429 page.
 * The counters are per process (memory store): behind N processes the effective limit is N × limit.
 */
export function limitPerIp(limit: number, windowMinutes: number): RequestHandler {
  return rateLimit({
    windowMs: windowMinutes * 60_000,
    limit,
    standardHeaders: 'draft-7',
    legacyHeaders: false,
    handler: (_req, _res, next) => next(new TooManyRequestsError()),
  });
}
