import type { Request } from 'express';
import type { FieldError } from '../../lib/http/validate';
import { isEmail } from '../../lib/email-address';
import { parisMidnight } from '../../lib/paris-time';
import { region } from '../../reference';
import { programmeOverlaps } from '../meeting.rules';
import { count, long, readProgramme, readWorkshops, text, type Body } from './meeting.form-rows';
import type { MeetingInput } from './meeting.input';

export type { MeetingInput };

const isoDay = /^\d{4}-\d{2}-\d{2}$/;

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

  const programme = readProgramme(b, fail);
  const workshopCapacities = readWorkshops(b, fail, programme);

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
      summary: long(b, 'introduction'),
      audience: long(b, 'public'),
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
