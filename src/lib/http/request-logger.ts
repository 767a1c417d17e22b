import { randomUUID } from 'node:crypto';
import type { RequestHandler } from 'express';
import { streamOf, type Logger } from '../logger';

const decoded = (segment: string) => {
  try {
    return decodeURIComponent(segment).toLowerCase();
  } catch {
    return segment.toLowerCase();
  }
};

/** Turns a request URL into the one written in the logs. */
export type UrlRedactor = (url: string) => string;

/**
 * Private links are secrets: their token never reaches the logs, however the URL is spelled
 * (capitals, percent-encoding, doubled slashes). Built from the routes that carry one
 * (`:token` in their pattern, e.g. `/rencontres/:slug/inscription/:token`): the segment after
 * the word that precedes `:token` is replaced by `[jeton]`. Nor does a form's CSRF token carried
 * in a query string reach the logs.
 */
export function urlRedactor(privateLinkRoutes: readonly string[]): UrlRedactor {
  const before = new Set(
    privateLinkRoutes.map((route) => {
      const segments = route.split('/');
      const at = segments.indexOf(':token');
      if (at < 1 || segments[at - 1].startsWith(':')) {
        throw new Error(`a private link's :token follows a fixed word: ${route}`);
      }
      return segments[at - 1].toLowerCase();
    }),
  );
  return (url) => {
    const at = url.search(/[?#]/);
    const [path, rest] = at === -1 ? [url, ''] : [url.slice(0, at), url.slice(at)];
    let secretNext = false;
    const redacted = path.split('/').map((segment) => {
      if (segment === '') return segment;
      if (secretNext) {
        secretNext = false;
        return '[jeton]';
      }
      secretNext = before.has(decoded(segment));
      return segment;
    });
    return redacted.join('/') + rest.replace(/([?&]_csrf=)[^&#]*/gi, '$1[jeton]');
  };
}

declare module 'node:http' {
  interface IncomingMessage {
    /** Request id, sent back as X-Request-Id and shown on the 500 page. */
    id: string;
    /** The process logger (no per-request child: building one costs more than most pages). */
    log: Logger;
  }
}

const skipped = (url: string) => url === '/healthz' || url.startsWith('/static/');

/**
 * One access-log line: the request's id, method, redacted URL, status and duration. Written to
 * the process logger's stream as pino writes a line, without pino's serializing and redaction of
 * an object that holds no header: they were most of what a cached page cost beyond bare Express.
 */
export function logRequest(
  logger: Logger,
  redactUrl: UrlRedactor,
  request: { id: string; method: string; url: string; status: number; started: number },
): void {
  const { id, method, url, status, started } = request;
  const level = status >= 500 ? 'error' : status >= 400 ? 'warn' : 'info';
  if (!logger.isLevelEnabled(level)) return;
  const fields = [
    `"level":${logger.levels.values[level]}`,
    `"time":${Date.now()}`,
    `"req":{"id":${JSON.stringify(id)},"method":${JSON.stringify(method)},"url":${JSON.stringify(redactUrl(url))}}`,
    `"res":{"statusCode":${status}}`,
    `"responseTime":${Math.round(performance.now() - started)}`,
    `"msg":"request completed"`,
  ];
  streamOf(logger).write(`{${fields.join(',')}}\n`);
}

/**
 * Structured access logs: one line per request when it finishes (`logRequest`). Cheap on the hot
 * path: no child logger, no serializers, nothing built at all when the level writes nothing.
 */
export function requestLogger(logger: Logger, redactUrl: UrlRedactor): RequestHandler {
  return (req, res, next) => {
    const id = randomUUID();
    req.id = id;
    req.log = logger;
    res.setHeader('X-Request-Id', id);
    const url = req.url;
    if (!skipped(url) && logger.isLevelEnabled('error')) {
      const started = performance.now();
      res.once('finish', () =>
        logRequest(logger, redactUrl, {
          id,
          method: req.method,
          url,
          status: res.statusCode,
          started,
        }),
      );
    }
    next();
  };
}
