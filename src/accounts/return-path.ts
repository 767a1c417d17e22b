/** Where a login goes when no (acceptable) `retour` is given: the responses inbox. */
export const defaultReturnPath = '/moderation';

const origin = 'http://local.invalid';

/**
 * `?retour=` accepts a local path only: one leading slash, no second slash or backslash after it
 * (`//evil`, `/\evil` are other hosts for a browser), no backslash, whitespace or control
 * character anywhere, and nothing that URL parsing would move to another origin.
 */
export function safeReturnPath(value: unknown): string {
  if (typeof value !== 'string' || value.length > 500) return defaultReturnPath;
  if (!/^\/(?![/\\])/.test(value) || /[\\\s\p{Cc}]/u.test(value)) return defaultReturnPath;
  try {
    if (new URL(value, origin).origin !== origin) return defaultReturnPath;
  } catch {
    return defaultReturnPath;
  }
  return value;
}

/** `/connexion`, with `retour` when it is not the default. */
export function loginPath(retour?: string, extra: Record<string, string> = {}): string {
  const params = new URLSearchParams(extra);
  if (retour && retour !== defaultReturnPath) params.set('retour', retour);
  const query = params.toString();
  return query ? `/connexion?${query}` : '/connexion';
}
