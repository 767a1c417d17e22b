import type { Request } from 'express';

/** Name of the session cookie (express-session), also read by the CSRF check. */
export const sessionCookieName = 'bp.sid';

/** One cookie of the request, decoded; undefined when absent or badly encoded. */
export function readCookie(req: Request, name: string): string | undefined {
  for (const pair of (req.headers.cookie ?? '').split(';')) {
    const at = pair.indexOf('=');
    if (at > 0 && pair.slice(0, at).trim() === name) {
      try {
        return decodeURIComponent(pair.slice(at + 1).trim());
      } catch {
        return undefined;
      }
    }
  }
  return undefined;
}
