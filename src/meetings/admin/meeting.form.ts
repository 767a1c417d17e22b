import type { Request } from 'express';
import type { FieldError } from '../../lib/http/validate';
import { isEmail } from '../../lib/email-address';
import { parisMidnight } from '../../lib/paris-time';
import { region } from '../../reference/geography';
import { slotKinds, workshopCodePattern, type SlotKind } from '../meeting.model';
import { programmeOverlaps } from '../meeting.rules';

/**
 * The meeting editor's form: fields, programme rows (repeated `creneau*` fields), workshop rows
 * (repeated `atelier*` fields). Empty rows are ignored, so the page can offer blank rows.
 */
export interface MeetingInput {
  slug: string;
  title: string;
  stage: number | null;
  region: string;
  date: Date;
  venue: { name: string; address: string; postalCode: string; city: string };
  summary: string;
  audience: string;
  contact: { organisation: string; email: string };
  programmeStatus: 'provisoire' | 'definitif';
  published: boolean;
  capacity: number | null;
  registration: { opensAt: Date | null; closesAt: Date | null };
  anonymiseAfterMonths: number;
  programme: Array<{
    start: string;
    end: string;
    title: string;
    kind: SlotKind;
    note?: string;
    workshops?: Array<{ code: string; title: string; description?: string; theme?: string }>;
  }>;
  workshopCapacities: Record<string, number | null>;
  overlapsConfirmed: boolean;
}

type Body = Record<string, unknown>;
const text = (b: Body, name: string) =>
  typeof b[name] === 'string' ? (b[name] as string).trim() : '';
const list = (b: Body, name: string): string[] => {
  const v = b[name];
  const values = Array.isArray(v) ? v : v === undefined ? [] : [v];
  return values.map((x) => (typeof x === 'string' ? x.trim() : ''));
};
const isoDay = /^\d{4}-\d{2}-\d{2}$/;
const time = /^([01]\d|2[0-3]):[0-5]\d$/;
const count = (value: string) => (/^\d{1,5}$/.test(value) ? Number(value) : undefined);

export interface MeetingFormResult {
  errors: FieldError[];
  /** Overlapping slots, as French sentences (a warning the organiser may confirm). */
  overlaps: string[];
  input: MeetingInput;
}

export function readMeetingForm(req: Request, isNew: boolean): MeetingFormResult {
  const b = (req.body ?? {}) as Body;
  const errors: FieldError[] = [];
  const fail = (field: string, message: string) => errors.push({ field, message });

  const slug = text(b, 'slug');
  if (isNew && !/^[a-z0-9]+(-[a-z0-9]+)*$/.test(slug)) {
    fail(
      'slug',
      'Saisissez l’adresse de la page en minuscules et tirets, par exemple bretagne-2023',
    );
  }
  const title = text(b, 'titre');
  if (title.length < 5 || title.length > 200)
    fail('titre', 'Saisissez le titre (5 à 200 caractères)');
  const stageText = text(b, 'etape');
  const stage = stageText === '' ? null : count(stageText);
  if (stage === undefined)
    fail('etape', 'Saisissez le numéro d’étape en chiffres, ou laissez vide');
  const regionCode = text(b, 'region');
  if (!region(regionCode)) fail('region', 'Choisissez la région');
  const day = text(b, 'date');
  if (!isoDay.test(day) || Number.isNaN(Date.parse(day)))
    fail('date', 'Saisissez la date au format AAAA-MM-JJ');
  const venue = {
    name: text(b, 'lieuNom'),
    address: text(b, 'lieuAdresse'),
    postalCode: text(b, 'lieuCodePostal'),
    city: text(b, 'lieuVille'),
  };
  if (!venue.name) fail('lieuNom', 'Saisissez le nom du lieu');
  if (!venue.address) fail('lieuAdresse', 'Saisissez l’adresse du lieu');
  if (!/^\d{5}$/.test(venue.postalCode))
    fail('lieuCodePostal', 'Saisissez un code postal à 5 chiffres');
  if (!venue.city) fail('lieuVille', 'Saisissez la ville');
  const contactEmail = text(b, 'contactEmail');
  if (contactEmail && !isEmail(contactEmail))
    fail('contactEmail', 'Saisissez une adresse e-mail valide');
  const capacityText = text(b, 'capacite');
  const capacity = capacityText === '' ? null : count(capacityText);
  if (capacity === undefined)
    fail('capacite', 'Saisissez la capacité en chiffres, ou laissez vide (illimitée)');
  const window = (name: string, endOfDay: boolean) => {
    const v = text(b, name);
    if (v === '') return null;
    if (!isoDay.test(v)) {
      fail(name, 'Saisissez la date au format AAAA-MM-JJ');
      return null;
    }
    const next = new Date(Date.parse(`${v}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
    return endOfDay ? new Date(parisMidnight(next).getTime() - 1000) : parisMidnight(v);
  };
  const opensAt = window('ouverture', false);
  const closesAt = window('cloture', true);
  if (opensAt && closesAt && closesAt < opensAt)
    fail('cloture', 'La clôture doit suivre l’ouverture');
  const months = count(text(b, 'anonymiserApres'));
  if (months === undefined || months < 1 || months > 60) {
    fail('anonymiserApres', 'Saisissez un nombre de mois entre 1 et 60');
  }

  // Programme rows.
  const [starts, ends, titles, kinds, notes] = [
    'creneauDebut',
    'creneauFin',
    'creneauTitre',
    'creneauType',
    'creneauNote',
  ].map((n) => list(b, n));
  const programme: MeetingInput['programme'] = [];
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

  // Workshop rows, attached to the programme's « ateliers » slot.
  const [codes, wTitles, descriptions, capacities, themes] = [
    'atelierCode',
    'atelierTitre',
    'atelierDescription',
    'atelierCapacite',
    'atelierTheme',
  ].map((n) => list(b, n));
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

  const overlaps = programmeOverlaps(programme).map(
    ({ first, second }) =>
      `« ${programme[first].title} » (${programme[first].start}–${programme[first].end}) et « ${programme[second].title} » (${programme[second].start}–${programme[second].end}) se chevauchent`,
  );
  const overlapsConfirmed = b.confirmerChevauchements === 'oui';

  return {
    errors,
    overlaps,
    input: {
      slug,
      title,
      stage: stage ?? null,
      region: regionCode,
      date: new Date(`${isoDay.test(day) ? day : '1970-01-01'}T00:00:00Z`),
      venue,
      summary: text(b, 'introduction'),
      audience: text(b, 'public'),
      contact: { organisation: text(b, 'contactOrganisation'), email: contactEmail },
      programmeStatus: text(b, 'programmeStatut') === 'definitif' ? 'definitif' : 'provisoire',
      published: b.publie === 'oui',
      capacity: capacity ?? null,
      registration: { opensAt, closesAt },
      anonymiseAfterMonths: months ?? 6,
      programme,
      workshopCapacities,
      overlapsConfirmed,
    },
  };
}
