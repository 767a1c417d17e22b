import request from 'supertest';
import { PracticeModel } from '../../src/practices/practice.model';
import { loadPracticeSeeds } from '../../src/seeding/seed-files';
import { seedDatabase } from '../../src/seeding/seed.service';
import { buildTestApp } from '../helpers/app';
import { useTestDatabase } from '../helpers/db';

useTestDatabase();

/** A sheet beside the seeded ones: `results` as given (or none at all). */
const sheet = (slug: string, status: string, results?: Record<string, number>) => ({
  slug,
  status,
  title: `Fiche ${slug}`,
  summary: 'Résumé',
  structureName: 'Structure',
  actorType: 'plie',
  region: '24',
  department: '45',
  ...(results ? { results } : {}),
});

/** The numbers of the page's « Les pratiques du recueil » block, read as a person would. */
function figuresOf(html: string) {
  const block = html.slice(html.indexOf('Les pratiques du recueil'));
  const toNumber = (s: string) => Number(s.replace(/[\s\u202f\u00a0]/g, ''));
  const [practices, hours, participants] = [
    ...block.matchAll(/class="figure__value">([^<]+)</g),
  ].map((m) => toNumber(m[1]));
  const [, women, qpvResidents] =
    /dont ([\d\s\u202f\u00a0]+) femmes et ([\d\s\u202f\u00a0]+) habitants/
      .exec(block)!
      .map(toNumber);
  return { practices, hours, participants, women, qpvResidents };
}

describe('key figures', () => {
  it('when published sheets hold results, then /chiffres-cles shows their exact totals, drafts left out', async () => {
    await seedDatabase({ email: 'admin@exemple.fr', password: 'mot-de-passe-de-test-1' });
    const extra = [
      sheet('publiee-sans-resultats', 'publiee'),
      sheet('publiee-partielle', 'publiee', { hoursAchieved: 1234 }),
      sheet('brouillon', 'brouillon', { hoursAchieved: 99999, participants: 999, women: 99 }),
    ];
    await PracticeModel.insertMany(extra);

    // The same totals, summed in plain TypeScript over what was inserted.
    const published = [...loadPracticeSeeds(), ...extra.filter((p) => p.status === 'publiee')];
    const total = (field: 'hoursAchieved' | 'participants' | 'women' | 'qpvResidents') =>
      published.reduce(
        (sum, p) => sum + ((p.results as Record<string, number> | undefined)?.[field] ?? 0),
        0,
      );
    const expected = {
      practices: published.length,
      hours: total('hoursAchieved'),
      participants: total('participants'),
      women: total('women'),
      qpvResidents: total('qpvResidents'),
    };
    expect(expected.hours).toBeGreaterThan(48_500);

    const res = await request(buildTestApp().app).get('/chiffres-cles');
    expect(res.status).toBe(200);
    expect(figuresOf(res.text)).toEqual(expected);
  });
});
