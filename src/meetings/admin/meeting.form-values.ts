import { workshopsOf } from '../meeting.rules';
import type { findAdminMeeting } from './meeting-admin.service';

/** The meeting editor's form values (strings and lists of strings, as a form posts them). */
export type Form = Record<string, string | string[]>;
type Meeting = Awaited<ReturnType<typeof findAdminMeeting>>;

/** The Paris calendar day of an instant, YYYY-MM-DD (the window's inputs are days). */
const day = (d?: Date | null) =>
  d ? d.toLocaleDateString('sv-SE', { timeZone: 'Europe/Paris' }) : '';

/** The editor's form values for a stored meeting (and blank rows to add slots and workshops). */
export function formOf(m: Meeting): Form {
  const slots = m.programme ?? [];
  const workshops = workshopsOf(m);
  const pad = (values: string[], n: number) => [...values, ...Array<string>(n).fill('')];
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
    capacite:
      m.seats?.capacity === null || m.seats?.capacity === undefined ? '' : String(m.seats.capacity),
    ouverture: day(m.registration?.opensAt),
    cloture: day(m.registration?.closesAt),
    anonymiserApres: String(m.anonymiseAfterMonths ?? 6),
    creneauDebut: pad(
      slots.map((s) => s.start),
      3,
    ),
    creneauFin: pad(
      slots.map((s) => s.end),
      3,
    ),
    creneauTitre: pad(
      slots.map((s) => s.title),
      3,
    ),
    creneauType: pad(
      slots.map((s) => s.kind),
      3,
    ),
    creneauNote: pad(
      slots.map((s) => s.note ?? ''),
      3,
    ),
    atelierCode: pad(
      workshops.map((w) => w.code),
      2,
    ),
    atelierTitre: pad(
      workshops.map((w) => w.title),
      2,
    ),
    atelierDescription: pad(
      workshops.map((w) => w.description ?? ''),
      2,
    ),
    atelierTheme: pad(
      workshops.map((w) => w.theme ?? ''),
      2,
    ),
    atelierCapacite: pad(
      workshops.map((w) => (w.capacity === null ? '' : String(w.capacity))),
      2,
    ),
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
