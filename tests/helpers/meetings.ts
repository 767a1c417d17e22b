import type { Express } from 'express';
import request from 'supertest';
import { MeetingModel } from '../../src/meetings/meeting.model';
import { meetingsChanged } from '../../src/meetings/meeting.version';
import { csrfFrom } from './respondent';

const dayMs = 86_400_000;
let counter = 0;

/** A published upcoming meeting with open registration and workshops A, B, C (capacities). */
export async function createMeeting(
  options: {
    slug?: string;
    capacity?: number | null;
    workshops?: Record<string, number | null>;
    opensAt?: Date;
    closesAt?: Date;
    date?: Date;
  } = {},
) {
  counter += 1;
  const slug = options.slug ?? `rencontre-test-${counter}`;
  const workshops = options.workshops ?? { A: 2, B: 2, C: 2 };
  const date = options.date ?? new Date(Math.floor((Date.now() + 30 * dayMs) / dayMs) * dayMs);
  await MeetingModel.create({
    slug,
    title: `Rencontre de test ${counter}`,
    stage: 7,
    region: '24',
    date,
    venue: { name: 'Salle test', address: '1 rue du Test', postalCode: '45000', city: 'Orléans' },
    summary: 'Une rencontre de test.',
    programme: [
      { start: '09:30', end: '10:00', title: 'Accueil', kind: 'accueil' },
      {
        start: '14:00',
        end: '15:00',
        title: 'Ateliers',
        kind: 'ateliers',
        workshops: Object.keys(workshops).map((code) => ({ code, title: `Atelier ${code}` })),
      },
      { start: '15:00', end: '16:00', title: 'Clôture', kind: 'cloture' },
    ],
    registration: {
      opensAt: options.opensAt ?? new Date(Date.now() - dayMs),
      closesAt: options.closesAt ?? new Date(Date.now() + 20 * dayMs),
    },
    seats: {
      capacity: options.capacity === undefined ? null : options.capacity,
      taken: 0,
      workshops: Object.fromEntries(
        Object.entries(workshops).map(([code, capacity]) => [code, { capacity, taken: 0 }]),
      ),
    },
  });
  await meetingsChanged();
  return slug;
}

/** A complete, valid registration form. */
export function registrationForm(overrides: Record<string, string> = {}): Record<string, string> {
  counter += 1;
  return {
    nom: 'Martin',
    prenom: 'Camille',
    email: `camille.martin.${counter}@exemple.fr`,
    telephone: '06 12 34 56 78',
    structure: 'Maison de l’emploi du Loiret',
    typeStructure: 'maison-emploi',
    fonction: 'Facilitatrice',
    departement: '45',
    atelier: 'A',
    dejeuner: 'oui',
    accessibilite: '',
    consentementListe: 'oui',
    siteWeb: '',
    ...overrides,
  };
}

/** Confirmed registrations per workshop, counted in TypeScript from the registrations. */
export function countBy<T>(items: T[], key: (item: T) => string): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const item of items) counts[key(item)] = (counts[key(item)] ?? 0) + 1;
  return counts;
}

/** Opens the registration form and sends it, as a browser would (its own cookie and token). */
export async function submitRegistration(
  app: Express,
  slug: string,
  fields: Record<string, string>,
) {
  const agent = request.agent(app);
  const page = await agent.get(`/rencontres/${slug}/inscription`);
  return agent
    .post(`/rencontres/${slug}/inscription`)
    .type('form')
    .send({ _csrf: csrfFrom(page.text), ...fields });
}
