import { parisMidnight } from '../lib/paris-time';
import { queryPage, readFilters } from '../lib/http/query-string';
import type { FieldError } from '../lib/http/form';
import { isAuditAction } from '../audit';
import type { AuditQuery } from '../audit';

export type JournalForm = Record<'acteur' | 'action' | 'du' | 'au', string>;

const dayMs = 86_400_000;
/** A real calendar day written YYYY-MM-DD (2026-02-30 is not one), between 2000 and 2100. */
const isDay = (v: string) =>
  /^(20\d{2}|2100)-\d{2}-\d{2}$/.test(v) &&
  !Number.isNaN(Date.parse(`${v}T00:00:00Z`)) &&
  new Date(`${v}T00:00:00Z`).toISOString().startsWith(v);
const nextDay = (v: string) =>
  new Date(Date.parse(`${v}T00:00:00Z`) + dayMs).toISOString().slice(0, 10);

/**
 * The journal's filters from the query string, through an allow-list: a known action, an actor
 * id, two days. Any other key is ignored; a bad value is reported (400) and never reaches a query.
 */
export function readJournalFilters(rawQuery: unknown): {
  form: JournalForm;
  query: AuditQuery;
  errors: FieldError[];
} {
  const { form, errors } = readFilters<keyof JournalForm>(rawQuery, {
    acteur: {
      valid: (v) => /^[a-f0-9]{24}$/.test(v),
      message: 'Choisissez une personne de la liste',
    },
    action: { valid: isAuditAction, message: 'Choisissez une action de la liste' },
    du: { valid: isDay, message: 'Saisissez une date de début valide, par exemple 2026-03-05' },
    au: { valid: isDay, message: 'Saisissez une date de fin valide, par exemple 2026-03-31' },
  });
  if (form.du && form.au && form.au < form.du) {
    errors.push({ field: 'au', message: 'La date de fin doit être après la date de début' });
  }
  const query: AuditQuery = {
    ...(form.acteur && { actorId: form.acteur }),
    ...(form.action && isAuditAction(form.action) && { action: form.action }),
    ...(form.du && { from: parisMidnight(form.du) }),
    ...(form.au && { to: parisMidnight(nextDay(form.au)) }),
    page: queryPage(rawQuery),
  };
  return { form, query, errors };
}
