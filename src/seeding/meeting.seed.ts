import type { MeetingSeed } from './seed-files';
import { MeetingModel, meetingsChanged } from '../meetings';

const dayMs = 86_400_000;

/** A calendar day N days from now, as stored (midnight UTC). */
function dayFromNow(days: number): Date {
  const d = new Date(Date.now() + days * dayMs);
  return new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate()));
}

/**
 * A fictitious upcoming meeting so that a fresh install can try the whole registration flow:
 * open registration, small workshop capacities. Never seeded in production.
 */
export function exampleMeeting() {
  const date = dayFromNow(45);
  return {
    slug: 'exemple-rencontre-fictive',
    title: 'Rencontre fictive d’exemple (Île-de-France)',
    region: '11',
    date,
    example: true,
    published: true,
    venue: {
      name: 'Salle fictive des fêtes',
      address: '1 rue de l’Exemple',
      postalCode: '75001',
      city: 'Paris',
    },
    summary:
      'Rencontre FICTIVE, chargée pour essayer l’inscription, la liste d’attente et l’émargement. Elle n’aura pas lieu.',
    audience: 'Toute personne qui découvre la plateforme.',
    registrationRequired: true,
    programmeStatus: 'definitif',
    programme: [
      { start: '09:30', end: '10:00', title: 'Accueil-café', kind: 'accueil' },
      { start: '10:00', end: '10:30', title: 'Introduction', kind: 'introduction' },
      { start: '10:30', end: '12:00', title: 'Table ronde fictive', kind: 'table-ronde' },
      { start: '12:00', end: '13:30', title: 'Déjeuner', kind: 'repas', note: 'offert' },
      {
        start: '13:30',
        end: '14:30',
        title: 'Atelier d’une heure au choix',
        kind: 'ateliers',
        workshops: [
          { code: 'A', title: 'Diversifier les marchés (atelier fictif)' },
          { code: 'B', title: 'Mobiliser les entreprises (atelier fictif)' },
          { code: 'C', title: 'Mobiliser les habitants (atelier fictif)' },
        ],
      },
      { start: '14:30', end: '15:00', title: 'Clôture', kind: 'cloture' },
    ],
    contact: { organisation: 'Alliance Villes Emploi', email: 'ave@ville-emploi.asso.fr' },
    registration: { opensAt: new Date(Date.now() - dayMs), closesAt: dayFromNow(43) },
    seats: {
      capacity: 12,
      taken: 0,
      workshops: {
        A: { capacity: 4, taken: 0 },
        B: { capacity: 4, taken: 0 },
        C: { capacity: 4, taken: 0 },
      },
    },
  };
}

/** Inserts the seeded meetings when missing (organisers' edits survive a re-seed). */
export async function seedMeetings(
  meetings: MeetingSeed[],
  options: { examples: boolean },
): Promise<void> {
  const docs: object[] = meetings.map((m) => ({
    ...m,
    date: new Date(`${m.date}T00:00:00Z`),
    overlapsConfirmed: true,
  }));
  if (options.examples) docs.push(exampleMeeting());
  await MeetingModel.bulkWrite(
    docs.map((doc) => ({
      updateOne: {
        filter: { slug: (doc as { slug: string }).slug },
        update: { $setOnInsert: doc },
        upsert: true,
      },
    })),
    { ordered: false },
  );
  await meetingsChanged();
}
