// Generated meetings for the bench: 20 upcoming meetings with three workshops each, practices
// selected for their workshops, and confirmed registrations whose counters match them.
import { createHash } from 'node:crypto';
import { hashToken } from '../../src/lib/secret-token';

const dayMs = 86_400_000;
const regionsCycle = ['11', '24', '27', '28', '32', '44', '52', '53', '75', '76', '84', '93'];
const workshops = ['A', 'B', 'C'];

export function generateMeetings(count: number, registrationsEach: number) {
  const today = Math.floor(Date.now() / dayMs) * dayMs;
  return Array.from({ length: count }, (_, i) => {
    const taken = Object.fromEntries(
      workshops.map((code, w) => [
        code,
        Math.floor(registrationsEach / 3) + (w < registrationsEach % 3 ? 1 : 0),
      ]),
    );
    return {
      slug: `rencontre-bench-${i}`,
      title: `Rencontre régionale de la clause sociale n° ${i + 1}`,
      stage: i + 1,
      published: true,
      registrationRequired: true,
      region: regionsCycle[i % regionsCycle.length],
      date: new Date(today + (20 + i * 7) * dayMs),
      venue: {
        name: `Salle ${i}`,
        address: `${i + 1} rue de la République`,
        postalCode: '45000',
        city: 'Orléans',
      },
      summary: 'Une journée d’échanges entre acteurs de la clause sociale dans les QPV.',
      programme: [
        { start: '09:30', end: '10:00', title: 'Accueil', kind: 'accueil' },
        {
          start: '10:00',
          end: '12:00',
          title: 'Ateliers',
          kind: 'ateliers',
          workshops: workshops.map((code) => ({
            code,
            title: `Atelier ${code} de la rencontre ${i}`,
          })),
        },
        { start: '12:00', end: '13:00', title: 'Clôture', kind: 'cloture' },
      ],
      registration: {
        opensAt: new Date(today - 10 * dayMs),
        closesAt: new Date(today + 15 * dayMs),
      },
      seats: {
        capacity: registrationsEach * 2,
        taken: registrationsEach,
        workshops: Object.fromEntries(
          workshops.map((code) => [code, { capacity: registrationsEach, taken: taken[code] }]),
        ),
      },
    };
  });
}

/** The personal-link token of generated registration `i` of meeting `m` (shaped like a real one). */
export const registrationToken = (m: number, i: number) =>
  createHash('sha256').update(`bench-${m}-${i}`).digest('base64url');

export function generateRegistrations(meetings: Array<{ slug: string }>, each: number) {
  return meetings.flatMap(({ slug }, m) =>
    Array.from({ length: each }, (_, i) => ({
      meeting: slug,
      email: `personne-${m}-${i}@exemple.fr`,
      lastName: `Nom${i}`,
      firstName: `Prénom${i}`,
      structure: `Structure ${i}`,
      structureType: 'commune',
      jobTitle: 'Chargée de mission',
      department: '45',
      workshop: workshops[i % 3],
      lunch: i % 2 === 0,
      status: 'confirmee',
      confirmedAt: new Date(),
      tokenHash: hashToken(registrationToken(m, i)),
    })),
  );
}

/** Three practices per workshop of each meeting: what the meeting pages list. */
export function selectFor(
  sheets: Array<{
    meetingSelections: Array<{ meeting: string; workshop: string; position: number }>;
  }>,
  meetings: Array<{ slug: string }>,
) {
  let next = 0;
  for (const { slug } of meetings)
    for (const workshop of workshops)
      for (let position = 0; position < 3; position++)
        sheets[next++ % sheets.length].meetingSelections = [{ meeting: slug, workshop, position }];
}
