import { randomUUID } from 'node:crypto';
import type { Request, RequestHandler, Response } from 'express';
import { contentVersion, freshContentVersion } from '../content-version';
import { formToken } from './csrf';
import { readCookie, sessionCookieName } from './cookies';
import { gzipSplice, type GzipSplice } from './gzip-splice';
import {
  answerBeforeRouters,
  type HotPathOptions,
  type Page,
  type PageVariant,
} from './page-cache';

/** Stands for the CSRF token while a form page is rendered once for everyone. */
const tokenMarker = `csrf-${randomUUID()}`;
const maxEntries = 200;

interface Entry {
  /** The content version and variant key it was rendered at. */
  key: string;
  variant?: PageVariant;
  type: string;
  /** The page cut where its token goes, and the same compressed once. */
  parts: Buffer[];
  gzip: GzipSplice;
}

/** Each app's form pages by path: its routes fill them, its hot path reads them. */
const registries = new WeakMap<object, Map<string, Entry>>();

function entriesOf(req: Request): Map<string, Entry> {
  let entries = registries.get(req.app);
  if (!entries) registries.set(req.app, (entries = new Map()));
  return entries;
}

function remember(entries: Map<string, Entry>, path: string, entry: Entry): void {
  entries.delete(path);
  if (entries.size >= maxEntries) entries.delete(entries.keys().next().value!);
  entries.set(path, entry);
}

/** The entry's bytes with this request's token, gzipped when the client takes it. */
function body(req: Request, entry: Entry, token: string) {
  if (/\bgzip\b/.test(req.headers['accept-encoding'] ?? ''))
    return { gzip: true, bytes: entry.gzip.gzip(entry.parts.slice(1).map(() => token)) };
  const value = Buffer.from(token);
  const pieces = entry.parts.flatMap((part, i) => (i ? [value, part] : [part]));
  return { gzip: false, bytes: Buffer.concat(pieces) };
}

const typeHeader = (type: string) => (type.includes('/') ? type : 'text/html; charset=utf-8');

/**
 * A public form page (the questionnaire's first page, a registration form) rendered once per path,
 * content version and `variant`; each request gets those bytes with its own CSRF token put in
 * (csrfProtection runs before and sets `res.locals.csrfToken`), already compressed but for the
 * token. `build` must read nothing of the request but its path, and returns null to pass to the
 * next route; a page other than 200 (a closed form; a 404 thrown) is rendered for this request.
 */
export function cachedFormPage(
  build: (req: Request, res: Response) => Promise<Page | null>,
  variant?: PageVariant,
): RequestHandler {
  return async (req, res, next) => {
    const key = `${await contentVersion()} ${variant ? await variant.current() : ''}`;
    const token = String(res.locals.csrfToken);
    const entries = entriesOf(req);
    let entry = entries.get(req.path);
    if (entry?.key !== key) {
      res.locals.csrfToken = tokenMarker;
      const page = await build(req, res).finally(() => {
        res.locals.csrfToken = token;
      });
      if (!page) return next();
      const text = String(page.body);
      const type = page.type ?? 'html';
      if ((page.status ?? 200) !== 200) {
        res.status(page.status!).type(type).send(text.replaceAll(tokenMarker, token));
        return;
      }
      const parts = text.split(tokenMarker).map((p) => Buffer.from(p));
      entry = { key, variant, type, parts, gzip: gzipSplice(parts) };
      remember(entries, req.path, entry);
    }
    const { gzip, bytes } = body(req, entry, token);
    res.setHeader('Content-Type', typeHeader(entry.type));
    res.setHeader('Vary', 'Accept-Encoding');
    if (gzip) res.setHeader('Content-Encoding', 'gzip');
    res.setHeader('Content-Length', bytes.length);
    res.end(req.method === 'HEAD' ? undefined : bytes);
  };
}

/**
 * The hot path, mounted beside the page cache's: a GET of a form page rendered at the versions
 * read in the last 2 s is answered before the routers, with its security and no-store headers,
 * the visitor's token (and CSRF cookie on a first visit) and its access-log line. A request that
 * comes with a session goes the normal way (its token is bound to the session).
 */
export function formPageHits(options: HotPathOptions): RequestHandler {
  const hot = { ...options, security: options.securityHeaders.flat() };
  return (req, res, next) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') return next();
    const entry = entriesOf(req).get(req.path);
    if (!entry || readCookie(req, sessionCookieName) !== undefined) return next();
    const variantKey = entry.variant ? entry.variant.fresh() : '';
    const version = freshContentVersion();
    if (variantKey === undefined || version === undefined) return next();
    if (entry.key !== `${version} ${variantKey}`) return next();
    answerBeforeRouters(req, res, hot, () => {
      const { token, setCookie } = formToken(req);
      const { gzip, bytes } = body(req, entry, token);
      const headers = [
        ['Content-Type', typeHeader(entry.type), 'Cache-Control', 'no-store'],
        ['Vary', 'Accept-Encoding', 'Content-Length', String(bytes.length)],
        gzip ? ['Content-Encoding', 'gzip'] : [],
        setCookie ? ['Set-Cookie', setCookie] : [],
      ].flat();
      return { status: 200, headers, body: bytes };
    });
  };
}
