import { workshopsOf } from '../meeting.rules';
import type { findAdminMeeting } from './meeting-admin.service';

/** The meeting editor's form values (strings and lists of strings, as a form posts them). */
export type Form = Record<string, string | string[]>;
type Meeting = Awaited<ReturnType<typeof findAdminMeeting>>;

/** The Paris calendar day of an instant, YYYY-MM-DD (the window's inputs are days). */
const day = (d?: Date | null) =>
  d ? d.toLocaleDateString('sv-SE', { timeZone: 'Europe/Paris' }) : '';

/** Repeated rows as the form posts them: one list per field, `blank` empty rows added. */
function rows<T>(items: T[], blank: number, fields: Record<string, (item: T) => string>): Form {
  return Object.fromEntries(
    Object.entries(fields).map(([name, value]) => [
      name,
      [...items.map(value), ...Array<string>(blank).fill('')],
    ]),
  );
}

/** The editor's form values for a stored meeting (and blank rows to add slots and workshops). */
export function formOf(m: Meeting): Form {
  const capacity = m.seats?.capacity;
  return {
    titre: m.title,
    etape: m.stage ? String(m.stage) : '',
    region: m.region,
    date: m.date.toISOString().slice(0, 10),
    lieuNom: m.venue?.name ?? '',
    lieuAdresse: m.venue?.address ?? '',
    lieuCodePostal: m.venue?.postalCode ?? '',
    lieuVille: m.venue?.city ?? '',
    introduction: m.summary ?? '',
    public: m.audience ?? '',
    contactOrganisation: m.contact?.organisation ?? '',
    contactEmail: m.contact?.email ?? '',
    programmeStatut: m.programmeStatus ?? 'provisoire',
    publie: m.published === false ? 'non' : 'oui',
    capacite: capacity === null || capacity === undefined ? '' : String(capacity),
    ouverture: day(m.registration?.opensAt),
    cloture: day(m.registration?.closesAt),
    anonymiserApres: String(m.anonymiseAfterMonths ?? 6),
    ...rows(m.programme ?? [], 3, {
      creneauDebut: (s) => s.start,
      creneauFin: (s) => s.end,
      creneauTitre: (s) => s.title,
      creneauType: (s) => s.kind,
      creneauNote: (s) => s.note ?? '',
    }),
    ...rows(workshopsOf(m), 2, {
      atelierCode: (w) => w.code,
      atelierTitre: (w) => w.title,
      atelierDescription: (w) => w.description ?? '',
      atelierTheme: (w) => w.theme ?? '',
      atelierCapacite: (w) => (w.capacity === null ? '' : String(w.capacity)),
    }),
  };
}

export const blank: Form = {
  publie: 'non',
  programmeStatut: 'provisoire',
  anonymiserApres: '6',
  creneauDebut: ['', '', '', '', ''],
  creneauFin: ['', '', '', '', ''],
  creneauTitre: ['', '', '', '', ''],
  creneauType: ['', '', '', '', ''],
  creneauNote: ['', '', '', '', ''],
  atelierCode: ['A', 'B', 'C'],
  atelierTitre: ['', '', ''],
  atelierDescription: ['', '', ''],
  atelierTheme: ['', '', ''],
  atelierCapacite: ['', '', ''],
};
