import type { SheetContent } from './sheet.prefill';

/**
 * When the practice ran, in the editor: a start and an end typed « 03/2021 » (or « 2021-03 », as
 * the questionnaire stores months), a start that may be a year alone (« 2021 », for sheets whose
 * month is not known), and whether it is still running.
 */
type Period = Pick<SheetContent, 'startDate' | 'endDate' | 'ongoing' | 'year'>;
type FormValues = Record<string, string | string[]>;

const text = (form: FormValues, name: string) =>
  typeof form[name] === 'string' ? (form[name] as string).trim() : '';

/** '03/2021' for '2021-03'. */
const typed = (month?: string) => (month ? month.replace(/^(\d{4})-(\d{2})$/, '$2/$1') : '');

export function periodForm(sheet: Partial<Period>): FormValues {
  return {
    startDate: sheet.startDate ? typed(sheet.startDate) : sheet.year ? String(sheet.year) : '',
    endDate: typed(sheet.endDate),
    ongoing: sheet.ongoing ? ['oui'] : [],
  };
}

/** 'YYYY-MM' from « 3/2021 », « 03/2021 » or « 2021-03 »; null when it is none of them. */
function monthOf(value: string): string | null {
  const slash = /^(\d{1,2})\s*\/\s*(\d{4})$/.exec(value);
  const iso = /^(\d{4})-(\d{2})$/.exec(value);
  const [month, year] = slash ? [slash[1], slash[2]] : iso ? [iso[2], iso[1]] : [];
  if (!month || !year) return null;
  const m = Number(month);
  const y = Number(year);
  if (m < 1 || m > 12 || y < 1990 || y > 2100) return null;
  return `${y}-${String(m).padStart(2, '0')}`;
}

const example = 'saisissez le mois et l’année, par exemple 03/2021';

export function readPeriod(form: FormValues, fail: (field: string, message: string) => void) {
  const period: Period = { startDate: undefined, endDate: undefined, year: undefined };
  const start = text(form, 'startDate');
  const end = text(form, 'endDate');
  if (/^\d{4}$/.test(start) && Number(start) >= 1990 && Number(start) <= 2100) {
    period.year = Number(start);
  } else if (start) {
    period.startDate = monthOf(start) ?? undefined;
    if (!period.startDate) fail('startDate', `Début : ${example}, ou l’année seule`);
    else period.year = Number(period.startDate.slice(0, 4));
  }
  if (end) {
    period.endDate = monthOf(end) ?? undefined;
    if (!period.endDate) fail('endDate', `Fin : ${example}`);
    else if (!start) fail('startDate', 'Début : saisissez le début de la pratique avant sa fin');
    else if (period.endDate < (period.startDate ?? `${period.year}-01`)) {
      fail('endDate', 'Fin : la fin ne peut pas précéder le début');
    }
  }
  const ongoing = form.ongoing;
  period.ongoing = ongoing === 'oui' || (Array.isArray(ongoing) && ongoing.includes('oui'));
  if (period.ongoing && period.endDate) {
    fail(
      'ongoing',
      'Une pratique en cours n’a pas de fin : videz la date de fin ou décochez « en cours »',
    );
  }
  return period;
}
