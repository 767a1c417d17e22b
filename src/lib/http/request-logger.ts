import { randomUUID } from 'node:crypto';
import pinoHttp from 'pino-http';
import type { Logger } from '../logger';

/** Private links (resume, set a password) are secrets: their token never reaches the logs. */
export function redactUrl(url: string | undefined): string | undefined {
  return url
    ?.replace(/(\/reprendre\/)[^/?#]+/, '$1[jeton]')
    .replace(/(\/mot-de-passe\/nouveau\/)[^/?#]+/, '$1[jeton]');
}

/** Structured access logs; every request gets an id (req.id) shown on the 500 page. */
export function requestLogger(logger: Logger) {
  return pinoHttp({
    logger,
    genReqId: (req, res) => {
      const id = randomUUID();
      res.setHeader('X-Request-Id', id);
      return id;
    },
    customLogLevel: (_req, res, err) =>
      err || res.statusCode >= 500 ? 'error' : res.statusCode >= 400 ? 'warn' : 'info',
    autoLogging: {
      ignore: (req) => req.url === '/healthz' || req.url?.startsWith('/static/') === true,
    },
    serializers: {
      req: (req) => ({ id: req.id, method: req.method, url: redactUrl(req.url) }),
      res: (res) => ({ statusCode: res.statusCode }),
    },
  });
}
