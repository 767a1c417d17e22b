import { createHash } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import type { Request, RequestHandler, Response } from 'express';
import { contentVersion } from '../content-version';

/** A response rendered once: its bytes, their gzip form and their ETag. */
interface Entry {
  type: string;
  headers?: Record<string, string>;
  body: Buffer;
  gzip: Buffer;
  etag: string;
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
  return {
    type: page.type ?? 'text/html; charset=utf-8',
    headers: page.headers,
    body,
    gzip: gzipSync(body, { level: 6 }),
    etag: `"${createHash('sha1').update(body).digest('base64url')}"`,
  };
}

const sizeOf = (entry: Entry) => entry.body.length + entry.gzip.length;

function remember(key: string, entry: Entry): void {
  // Oldest out first: a Map keeps insertion order.
  while (entries.size > 0 && (entries.size >= maxEntries || bytes + sizeOf(entry) > maxBytes)) {
    const [oldest, old] = entries.entries().next().value!;
    entries.delete(oldest);
    bytes -= sizeOf(old);
  }
  entries.set(key, entry);
  bytes += sizeOf(entry);
}

function send(req: Request, res: Response, entry: Entry): void {
  res.setHeader('Content-Type', entry.type);
  res.setHeader('ETag', entry.etag);
  res.setHeader('Vary', 'Accept-Encoding');
  res.setHeader('Cache-Control', 'public, max-age=0, must-revalidate');
  if (entry.headers)
    for (const [name, value] of Object.entries(entry.headers)) res.setHeader(name, value);
  if (req.headers['if-none-match'] === entry.etag) {
    res.statusCode = 304;
    res.end();
    return;
  }
  const gzip = /\bgzip\b/.test(req.headers['accept-encoding'] ?? '');
  const bytes = gzip ? entry.gzip : entry.body;
  if (gzip) res.setHeader('Content-Encoding', 'gzip');
  res.setHeader('Content-Length', bytes.length);
  res.end(bytes);
}

/**
 * Public pages rendered once per URL and content version (publications bump it, every process
 * reads it from the database at most every 2 s): later requests get the stored bytes, already
 * compressed, with an ETag answered by 304. `build` returns null to pass to the next route; it
 * throws for errors (404, 400), which are never stored.
 */
export function cachedPage(build: (req: Request, res: Response) => Promise<Page | null>) {
  const handler: RequestHandler = async (req, res, next) => {
    const version = await contentVersion();
    if (version !== entriesVersion) {
      entries = new Map();
      bytes = 0;
      entriesVersion = version;
    }
    const key = req.originalUrl;
    let entry = entries.get(key);
    if (!entry) {
      // Concurrent misses of one URL share one rendering (no stampede after a publication).
      const pendingKey = `${version} ${key}`;
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
      // A publication seen while rendering: this page may be stale, serve it but do not keep it.
      if (version === entriesVersion && !entries.has(key)) remember(key, entry);
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

/**
 * The hot path: a GET whose URL is in the cache for the current content version is answered
 * here, before the routers (mount after the request logger and the security headers).
 */
export const pageCacheHits: RequestHandler = (req, res, next) => {
  if (req.method !== 'GET' && req.method !== 'HEAD') return next();
  const entry = entries.get(req.originalUrl);
  if (!entry) return next();
  contentVersion().then((version) => {
    if (version !== entriesVersion) return next();
    send(req, res, entry);
  }, next);
};
