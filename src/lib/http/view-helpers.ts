import { formatParisDate, formatParisDateTime } from '../paris-time';
import { frenchOf } from '../text';
import { textBlocks } from '../text-blocks';

/** Small functions templates may call (formatting only, no business rules). */
type FormValues = Record<string, string | string[] | undefined>;

export const viewHelpers = {
  /** The text value of a form field ('' when absent or repeated). */
  fieldValue(form: FormValues, name: string): string {
    const v = form[name];
    return typeof v === 'string' ? v : '';
  },
  /** The values of a repeated field (checkboxes, rows). */
  fieldValues(form: FormValues, name: string): string[] {
    const v = form[name];
    return v === undefined ? [] : Array.isArray(v) ? v : [v];
  },
  /** aria-describedby value from the ids that exist. */
  describedBy(...ids: Array<string | false | undefined>): string {
    return ids.filter(Boolean).join(' ');
  },
  formatBytes(bytes: number): string {
    if (bytes < 1024 * 1024) return `${Math.max(1, Math.round(bytes / 1024))} Ko`;
    return `${(bytes / (1024 * 1024)).toLocaleString('fr-FR', { maximumFractionDigits: 1 })} Mo`;
  },
  formatNumber(n: number): string {
    return n.toLocaleString('fr-FR');
  },
  formatDateTime: formatParisDateTime,
  formatDate: formatParisDate,
  /** « de Paul », « d’Élodie ». */
  de: frenchOf,
  /** Paragraphs and lists of a typed text (see text-blocks). */
  textBlocks,
};
