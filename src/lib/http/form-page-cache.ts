import { randomUUID } from 'node:crypto';
import type { Request, RequestHandler, Response } from 'express';
import { contentVersion } from '../content-version';
import type { Page, PageVariant } from './page-cache';

/** Stands for the CSRF token while a form page is rendered once for everyone. */
const tokenMarker = `csrf-${randomUUID()}`;
const maxEntries = 200;

interface Entry {
  key: string;
  type: string;
  /** The page cut where its token goes. */
  parts: string[];
}

/**
 * A public form page (the questionnaire's first page, a registration form) rendered once per path,
 * content version and `variant`; each request gets those bytes with its own CSRF token put in
 * (csrfProtection runs before and sets `res.locals.csrfToken`). `build` must read nothing of the
 * request but its path and must return null to pass to the next route; a page other than 200
 * (a closed form, a 404 thrown) is rendered for this request only.
 */
export function cachedFormPage(
  build: (req: Request, res: Response) => Promise<Page | null>,
  variant?: PageVariant,
): RequestHandler {
  const entries = new Map<string, Entry>();
  return async (req, res, next) => {
    const key = `${await contentVersion()} ${variant ? await variant.current() : ''}`;
    const token = String(res.locals.csrfToken);
    let entry = entries.get(req.path);
    if (entry?.key !== key) {
      res.locals.csrfToken = tokenMarker;
      const page = await build(req, res).finally(() => {
        res.locals.csrfToken = token;
      });
      if (!page) return next();
      const body = String(page.body);
      const type = page.type ?? 'html';
      if ((page.status ?? 200) !== 200) {
        res.status(page.status!).type(type).send(body.replaceAll(tokenMarker, token));
        return;
      }
      entry = { key, type, parts: body.split(tokenMarker) };
      entries.delete(req.path);
      if (entries.size >= maxEntries) entries.delete(entries.keys().next().value!);
      entries.set(req.path, entry);
    }
    res.type(entry.type).send(entry.parts.join(token));
  };
}
