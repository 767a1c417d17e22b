/**
 * The one rule for text that comes in (forms, imports, query strings): what a person can type,
 * nothing that changes the meaning of a line (a header, a CSV row, a log line).
 */

// eslint-disable-next-line no-control-regex
const controls = /[\u0000-\u001f\u007f]/g;
// eslint-disable-next-line no-control-regex
const controlsButNewLineAndTab = /[\u0000-\u0008\u000b-\u001f\u007f]/g;

/** One line: control characters (line breaks, tabs, NUL…) become spaces, runs of spaces one. */
export function singleLine(value: string): string {
  return value.replace(controls, ' ').replace(/ {2,}/g, ' ').trim();
}

/** Several lines: line breaks written `\n` whatever the browser or file sent, no other control. */
export function multiLine(value: string): string {
  return value.replace(/\r\n?/g, '\n').replace(controlsButNewLineAndTab, '').trim();
}

/** What a URL slug looks like: lower-case ASCII words joined by hyphens. */
export const slugPattern = /^[a-z0-9]+(-[a-z0-9]+)*$/;

/** Whether a URL segment may name something by its slug: routes pass on anything else unread. */
export const isSlugSegment = (segment: string) => /^[a-z0-9-]{1,120}$/.test(segment);

/** A URL slug from a title: lower case ASCII words joined by hyphens (100 characters at most). */
export function slugify(title: string): string {
  const slug = title
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/œ/g, 'oe')
    .replace(/æ/g, 'ae')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 100)
    .replace(/-+$/, '');
  return slug || 'fiche';
}

/**
 * « de » before a name, elided before a vowel or an h as French writes it: « de Paul »,
 * « d’Élodie », « d’Orléans », « d’Hélène » (an initial h is taken as mute, as it is for nearly
 * every first name and town).
 */
export function frenchOf(name: string): string {
  const trimmed = name.trim();
  return /^[aeiouyhàâäéèêëîïôöùûüÿæœ]/i.test(trimmed) ? `d’${trimmed}` : `de ${trimmed}`;
}
