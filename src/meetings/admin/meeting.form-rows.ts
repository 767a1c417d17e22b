import { slotKinds, workshopCodePattern, type SlotKind } from '../meeting.model';
import type { MeetingInput } from './meeting.input';
import { multiLine, singleLine } from '../../lib/text';

/** Repeated fields of the meeting editor: programme rows (`creneau*`) and workshop rows (`atelier*`). */
export type Body = Record<string, unknown>;
type Fail = (field: string, message: string) => void;
type Programme = MeetingInput['programme'];

export const text = (b: Body, name: string) =>
  typeof b[name] === 'string' ? singleLine(b[name] as string) : '';
/** A field of several lines (introduction, audience). */
export const long = (b: Body, name: string) =>
  typeof b[name] === 'string' ? multiLine(b[name] as string) : '';
const list = (b: Body, name: string): string[] => {
  const v = b[name];
  const values = Array.isArray(v) ? v : v === undefined ? [] : [v];
  return values.map((x) => (typeof x === 'string' ? singleLine(x) : ''));
};
const time = /^([01]\d|2[0-3]):[0-5]\d$/;

/** The repeated fields of a programme row, and of a workshop row. */
export const programmeFields = [
  'creneauDebut',
  'creneauFin',
  'creneauTitre',
  'creneauType',
  'creneauNote',
] as const;
export const workshopFields = [
  'atelierCode',
  'atelierTitre',
  'atelierDescription',
  'atelierCapacite',
  'atelierTheme',
] as const;
export const count = (value: string) => (/^\d{1,5}$/.test(value) ? Number(value) : undefined);

/** The programme's slots; empty rows are ignored, so the page can offer blank rows. */
export function readProgramme(b: Body, fail: Fail): Programme {
  const [starts, ends, titles, kinds, notes] = programmeFields.map((n) => list(b, n));
  const programme: Programme = [];
  starts.forEach((start, i) => {
    const row = {
      start,
      end: ends[i] ?? '',
      title: titles[i] ?? '',
      kind: kinds[i] ?? '',
      note: notes[i] ?? '',
    };
    if (!row.start && !row.end && !row.title) return;
    const n = programme.length + 1;
    if (!time.test(row.start) || !time.test(row.end) || row.end <= row.start) {
      fail(
        `creneauDebut-${i}`,
        `Créneau ${n} : saisissez un début et une fin HH:MM, la fin après le début`,
      );
    }
    if (!row.title) fail(`creneauTitre-${i}`, `Créneau ${n} : saisissez un titre`);
    if (!Object.hasOwn(slotKinds, row.kind))
      fail(`creneauType-${i}`, `Créneau ${n} : choisissez un type`);
    programme.push({ ...row, kind: row.kind as SlotKind, note: row.note || undefined });
  });
  if (programme.length === 0) fail('creneauDebut-0', 'Saisissez au moins un créneau du programme');
  return programme;
}

/**
 * The workshops, attached to the programme's « ateliers » slot; returns each workshop's
 * capacity by code.
 */
export function readWorkshops(
  b: Body,
  fail: Fail,
  programme: Programme,
): Record<string, number | null> {
  const [codes, wTitles, descriptions, capacities, themes] = workshopFields.map((n) => list(b, n));
  const workshops: NonNullable<MeetingInput['programme'][number]['workshops']> = [];
  const workshopCapacities: Record<string, number | null> = {};
  codes.forEach((raw, i) => {
    const code = raw.toUpperCase();
    if (!code && !wTitles[i]) return;
    if (!workshopCodePattern.test(code) || Object.hasOwn(workshopCapacities, code)) {
      fail(
        `atelierCode-${i}`,
        `Atelier ${i + 1} : un code court unique (lettres majuscules ou chiffres), par exemple A`,
      );
    }
    if (!wTitles[i]) fail(`atelierTitre-${i}`, `Atelier ${i + 1} : saisissez un titre`);
    const cap = capacities[i] === '' ? null : count(capacities[i] ?? '');
    if (cap === undefined)
      fail(`atelierCapacite-${i}`, `Atelier ${i + 1} : capacité en chiffres, ou vide (illimitée)`);
    workshopCapacities[code] = cap ?? null;
    workshops.push({
      code,
      title: wTitles[i] ?? '',
      description: descriptions[i] || undefined,
      theme: themes[i] || undefined,
    });
  });
  const workshopSlot = programme.find((s) => s.kind === 'ateliers');
  if (workshops.length && !workshopSlot)
    fail('creneauType-0', 'Ajoutez un créneau de type « Ateliers » pour y placer les ateliers');
  if (workshopSlot) workshopSlot.workshops = workshops;
  return workshopCapacities;
}
