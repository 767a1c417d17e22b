import type { FieldError } from '../../lib/http/form';
import { isEmail } from '../../lib/email-address';
import { parisMidnight } from '../../lib/paris-time';
import { slugPattern } from '../../lib/text';
import { region } from '../../reference';
import { programmeOverlaps } from '../meeting.rules';
import { lineField, listField, textBlockField } from '../../lib/http/form';
import {
  count,
  long,
  programmeFields,
  readProgramme,
  readWorkshops,
  text,
  workshopFields,
  type Body,
} from './meeting.form-rows';
import type { MeetingInput } from './meeting.input';

export type { MeetingInput };

const isoDay = /^\d{4}-\d{2}-\d{2}$/;

export interface MeetingFormResult {
  errors: FieldError[];
  /** Overlapping slots, as French sentences (a warning the organiser may confirm). */
  overlaps: string[];
  input: MeetingInput;
}

/** The editor's fields (the repeated rows are lists), read through `readForm`. */
export const meetingFormFields = () => [
  ...[
    'slug',
    'titre',
    'etape',
    'region',
    'date',
    'lieuNom',
    'lieuAdresse',
    'lieuCodePostal',
    'lieuVille',
    'contactOrganisation',
    'contactEmail',
    'programmeStatut',
    'publie',
    'capacite',
    'ouverture',
    'cloture',
    'anonymiserApres',
    'confirmerChevauchements',
  ].map((name) => lineField(name)),
  textBlockField('introduction'),
  textBlockField('public'),
  ...[...programmeFields, ...workshopFields].map((name) => listField(name)),
];

type Fail = (field: string, message: string) => void;

/** What the meeting is: title, stage, région, day, venue and contact. */
function readIdentity(b: Body, isNew: boolean, fail: Fail) {
  const slug = text(b, 'slug');
  if (isNew && !slugPattern.test(slug)) {
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
  const email = text(b, 'contactEmail');
  if (email && !isEmail(email)) fail('contactEmail', 'Saisissez une adresse e-mail valide');
  return {
    slug,
    title,
    stage: stage ?? null,
    region: regionCode,
    date: new Date(`${isoDay.test(day) ? day : '1970-01-01'}T00:00:00Z`),
    venue,
    contact: { organisation: text(b, 'contactOrganisation'), email },
  };
}

/** A window's day: opening at the start of the Paris day, closing at its end. */
function windowDay(b: Body, name: string, endOfDay: boolean, fail: Fail): Date | null {
  const v = text(b, name);
  if (v === '') return null;
  if (!isoDay.test(v)) {
    fail(name, 'Saisissez la date au format AAAA-MM-JJ');
    return null;
  }
  const next = new Date(Date.parse(`${v}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
  return endOfDay ? new Date(parisMidnight(next).getTime() - 1000) : parisMidnight(v);
}

/** Who may register, when, and how long their details are kept. */
function readRegistration(b: Body, fail: Fail) {
  const capacityText = text(b, 'capacite');
  const capacity = capacityText === '' ? null : count(capacityText);
  if (capacity === undefined)
    fail('capacite', 'Saisissez la capacité en chiffres, ou laissez vide (illimitée)');
  const opensAt = windowDay(b, 'ouverture', false, fail);
  const closesAt = windowDay(b, 'cloture', true, fail);
  if (opensAt && closesAt && closesAt < opensAt)
    fail('cloture', 'La clôture doit suivre l’ouverture');
  const months = count(text(b, 'anonymiserApres'));
  if (months === undefined || months < 1 || months > 60) {
    fail('anonymiserApres', 'Saisissez un nombre de mois entre 1 et 60');
  }
  return {
    capacity: capacity ?? null,
    registration: { opensAt, closesAt },
    anonymiseAfterMonths: months ?? 6,
  };
}

/** Checks the editor's values (as `readForm` gives them) and turns them into a meeting. */
export function readMeetingForm(b: Body, isNew: boolean): MeetingFormResult {
  const errors: FieldError[] = [];
  const fail: Fail = (field, message) => errors.push({ field, message });
  const identity = readIdentity(b, isNew, fail);
  const registration = readRegistration(b, fail);
  const programme = readProgramme(b, fail);
  const workshopCapacities = readWorkshops(b, fail, programme);
  const overlaps = programmeOverlaps(programme).map(
    ({ first, second }) =>
      `« ${programme[first].title} » (${programme[first].start}–${programme[first].end}) et « ${programme[second].title} » (${programme[second].start}–${programme[second].end}) se chevauchent`,
  );
  return {
    errors,
    overlaps,
    input: {
      ...identity,
      ...registration,
      summary: long(b, 'introduction'),
      audience: long(b, 'public'),
      programmeStatus: text(b, 'programmeStatut') === 'definitif' ? 'definitif' : 'provisoire',
      published: b.publie === 'oui',
      programme,
      workshopCapacities,
      overlapsConfirmed: b.confirmerChevauchements === 'oui',
    },
  };
}
