import { randomUUID } from 'node:crypto';
import pinoHttp from 'pino-http';
import type { Logger } from '../logger';

const decoded = (segment: string) => {
  try {
    return decodeURIComponent(segment).toLowerCase();
  } catch {
    return segment.toLowerCase();
  }
};

/**
 * Path segments followed by a secret token: the resume link, the set-a-password link and a
 * meeting registration's personal link (/rencontres/<slug>/inscription/<token>).
 * Compared decoded and lower-cased, since routes may be reached however the URL is spelled.
 */
const secretAfter: string[][] = [['reprendre'], ['mot-de-passe', 'nouveau'], ['inscription']];

/**
 * Private links are secrets: their token never reaches the logs, however the URL is spelled
 * (capitals, percent-encoding, doubled slashes). Nor does a form's CSRF token carried in a
 * query string.
 */
export function redactUrl(url: string | undefined): string | undefined {
  if (url === undefined) return undefined;
  const at = url.search(/[?#]/);
  const [path, rest] = at === -1 ? [url, ''] : [url.slice(0, at), url.slice(at)];
  let secretNext = false;
  const seen: string[] = [];
  const redacted = path.split('/').map((segment) => {
    if (segment === '') return segment;
    if (secretNext) {
      secretNext = false;
      seen.push('');
      return '[jeton]';
    }
    seen.push(decoded(segment));
    secretNext = secretAfter.some(
      (prefix) => prefix.join('/') === seen.slice(-prefix.length).join('/'),
    );
    return segment;
  });
  return redacted.join('/') + rest.replace(/([?&]_csrf=)[^&#]*/gi, '$1[jeton]');
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
