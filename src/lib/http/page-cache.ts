import { createHash, randomUUID } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import type { Request, RequestHandler, Response } from 'express';
import { contentVersion, freshContentVersion } from '../content-version';
import type { Logger } from '../logger';
import { logRequest, type UrlRedactor } from './request-logger';

/**
 * A response rendered once: its bytes, their gzip form, its ETag, and the flat header lists
 * (name, value, name, value…) of its three answers, built once.
 */
interface Entry {
  body: Buffer;
  gzip: Buffer;
  etag: string;
  headers: { plain: string[]; gzip: string[]; notModified: string[] };
  /** What else the page was rendered at (see PageVariant). */
  variant?: { source: PageVariant; key: string };
}

/**
 * Something besides the content version that a page shows (a meeting's places left): its key
 * now, and without waiting when read recently (undefined otherwise). An entry rendered at
 * another key is rendered again.
 */
export interface PageVariant {
  current(): Promise<string>;
  fresh(): string | undefined;
}

export interface Page {
  /** Anything but 200 is sent as is, never stored. */
  status?: number;
  type?: string;
  /** Extra constant headers (Content-Disposition of a download…). */
  headers?: Record<string, string>;
  body: string | Buffer;
}

/** Bounds: query strings make URLs countless, memory is not. */
const maxEntries = 1000;
const maxBytes = 32 * 1024 * 1024;
let entries = new Map<string, Entry>();
let bytes = 0;
const pending = new Map<string, Promise<Entry | Page | null>>();
let entriesVersion = -1;

function toEntry(page: Page): Entry {
  const body = typeof page.body === 'string' ? Buffer.from(page.body) : page.body;
  const gzip = gzipSync(body, { level: 6 });
  const etag = `"${createHash('sha1').update(body).digest('base64url')}"`;
  const common = [
    ['Content-Type', page.type ?? 'text/html; charset=utf-8'],
    ['ETag', etag],
    ['Vary', 'Accept-Encoding'],
    ['Cache-Control', 'public, max-age=0, must-revalidate'],
    ...Object.entries(page.headers ?? {}),
  ].flat();
  return {
    body,
    gzip,
    etag,
    headers: {
      plain: [...common, 'Content-Length', String(body.length)],
      gzip: [...common, 'Content-Encoding', 'gzip', 'Content-Length', String(gzip.length)],
      notModified: common,
    },
  };
}

const sizeOf = (entry: Entry) => entry.body.length + entry.gzip.length;

function remember(key: string, entry: Entry): void {
  const replaced = entries.get(key);
  if (replaced) {
    entries.delete(key);
    bytes -= sizeOf(replaced);
  }
  // Oldest out first: a Map keeps insertion order.
  while (entries.size > 0 && (entries.size >= maxEntries || bytes + sizeOf(entry) > maxBytes)) {
    const [oldest, old] = entries.entries().next().value!;
    entries.delete(oldest);
    bytes -= sizeOf(old);
  }
  entries.set(key, entry);
  bytes += sizeOf(entry);
}

/** Which of an entry's answers a request gets: 304 on a matching ETag, gzip when accepted. */
function answer(req: Request, entry: Entry) {
  if (req.headers['if-none-match'] === entry.etag)
    return { status: 304, headers: entry.headers.notModified, body: undefined };
  return /\bgzip\b/.test(req.headers['accept-encoding'] ?? '')
    ? { status: 200, headers: entry.headers.gzip, body: entry.gzip }
    : { status: 200, headers: entry.headers.plain, body: entry.body };
}

/** Sent after the middleware chain (request id, security headers) has set its own headers. */
function send(req: Request, res: Response, entry: Entry): void {
  const { status, headers, body } = answer(req, entry);
  for (let i = 0; i < headers.length; i += 2) res.setHeader(headers[i], headers[i + 1]);
  res.statusCode = status;
  res.end(body);
}

/**
 * Public pages rendered once per URL and content version (publications bump it, every process
 * reads it from the database at most every 2 s): later requests get the stored bytes, already
 * compressed, with an ETag answered by 304. `build` returns null to pass to the next route; it
 * throws for errors (404, 400), which are never stored. A page that shows more than the content
 * gives its `variant`.
 */
export function cachedPage(
  build: (req: Request, res: Response) => Promise<Page | null>,
  variant?: PageVariant,
) {
  const handler: RequestHandler = async (req, res, next) => {
    const version = await contentVersion();
    const variantKey = variant ? await variant.current() : '';
    if (version !== entriesVersion) {
      entries = new Map();
      bytes = 0;
      entriesVersion = version;
    }
    const key = req.originalUrl;
    let entry = entries.get(key);
    if (entry && (entry.variant?.key ?? '') !== variantKey) entry = undefined;
    if (!entry) {
      // Concurrent misses of one URL share one rendering (no stampede after a publication).
      const pendingKey = `${version} ${variantKey} ${key}`;
      let building = pending.get(pendingKey);
      if (!building) {
        building = build(req, res)
          .then((page) => (page && (page.status ?? 200) === 200 ? toEntry(page) : page))
          .finally(() => pending.delete(pendingKey));
        pending.set(pendingKey, building);
      }
      const built = await building;
      if (!built) return next();
      if (!('etag' in built)) {
        res
          .status(built.status ?? 500)
          .type(built.type ?? 'html')
          .send(built.body);
        return;
      }
      entry = built;
      if (variant) entry.variant = { source: variant, key: variantKey };
      // A publication seen while rendering: this page may be stale, serve it but do not keep it.
      if (version === entriesVersion && entries.get(key) !== entry) remember(key, entry);
    }
    send(req, res, entry);
  };
  return handler;
}

/** res.render to a string, with res.locals and app.locals merged as for a sent page. */
export function renderPage(res: Response, view: string, locals: object): Promise<Page> {
  return new Promise((resolve, reject) => {
    res.render(view, locals, (err, html) => (err ? reject(err) : resolve({ body: html })));
  });
}

/** What a hot path needs to answer like the app would: its log and the security headers. */
export interface HotPathOptions {
  logger: Logger;
  redactUrl: UrlRedactor;
  securityHeaders: ReadonlyArray<[string, string]>;
}

/**
 * Answers a request before the routers: a request id, the security headers and the answer's
 * headers written at once, its body (none for HEAD), and its access-log line.
 */
export function answerBeforeRouters(
  req: Request,
  res: Response,
  options: HotPathOptions & { security: string[] },
  make: () => { status: number; headers: string[]; body?: Buffer },
): void {
  const started = performance.now();
  const id = randomUUID();
  req.id = id;
  const { status, headers, body } = make();
  res.writeHead(status, options.security.concat(headers, 'X-Request-Id', id));
  res.end(req.method === 'HEAD' ? undefined : body);
  logRequest(options.logger, options.redactUrl, {
    id,
    method: req.method,
    url: req.originalUrl,
    status,
    started,
  });
}

/**
 * The hot path, mounted first: a GET whose URL is in the cache for the content version read in
 * the last 2 s is answered here, before the router, with the request id, the security headers
 * and the entry's headers written at once, and its access-log line. Anything else (a miss, a
 * version to read again) goes on through the app, where `cachedPage` answers it.
 */
export function pageCacheHits(options: HotPathOptions): RequestHandler {
  const hot = { ...options, security: options.securityHeaders.flat() };
  return (req, res, next) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') return next();
    const entry = entries.get(req.originalUrl);
    if (!entry || freshContentVersion() !== entriesVersion) return next();
    if (entry.variant && entry.variant.source.fresh() !== entry.variant.key) return next();
    answerBeforeRouters(req, res, hot, () => answer(req, entry));
  };
}
