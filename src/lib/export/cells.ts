export type Cell = string | number | boolean | Date | null | undefined;

/**
 * A spreadsheet program runs a text cell starting with = + - @ (or a tab or carriage return that
 * hides one) as a formula. Every exported text goes through this one rule: such a cell is
 * prefixed with an apostrophe, so it is shown as typed and never evaluated (OWASP CSV injection).
 */
export function neutralise(text: string): string {
  return /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
}

const parisDateTime = new Intl.DateTimeFormat('fr-FR', {
  timeZone: 'Europe/Paris',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
});

/**
 * The text of a cell in a CSV file: dates in Paris time, booleans in French, a decimal comma
 * (French Excel reads « 1.5 » as a date, « 1,5 » as the number).
 */
export function cellText(value: Cell): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) return parisDateTime.format(value).replace(',', '');
  if (typeof value === 'boolean') return value ? 'oui' : 'non';
  if (typeof value === 'number')
    return Number.isFinite(value) ? String(value).replace('.', ',') : '';
  return neutralise(value);
}

/** Several answers in one cell (multi-choice questions). */
export function joinValues(values: readonly string[] | undefined): string {
  return (values ?? []).join(' | ');
}
