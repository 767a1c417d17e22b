import request from 'supertest';
import { bumpContentVersion } from '../../src/lib/content-version';
import { SheetModel } from '../../src/sheets/sheet.model';
import { loadPracticeSeeds } from '../../src/seeding/seed-files';
import { seedDatabase } from '../../src/seeding/seed.service';
import { buildTestApp } from '../helpers/app';
import { useTestDatabase } from '../helpers/db';

useTestDatabase();

const { app } = buildTestApp();
const seeds = loadPracticeSeeds();

beforeAll(async () => {
  await seedDatabase({ email: 'admin@exemple.fr', password: 'mot-de-passe-du-recueil' });
});

describe('compendium', () => {
  it('when the compendium is listed, then every seeded practice links to its page', async () => {
    const [first, second] = await Promise.all([
      request(app).get('/recueil'),
      request(app).get('/recueil?page=2'),
    ]);
    expect([first.status, second.status]).toEqual([200, 200]);
    for (const seed of seeds)
      expect(first.text + second.text).toContain(`href="/recueil/${seed.slug}"`);
  });

  it.each(seeds.map((s) => [s.slug]))(
    'when the seeded practice %s is opened, then its page is served',
    async (slug) => {
      const res = await request(app).get(`/recueil/${slug}`);
      expect(res.status).toBe(200);
      expect(res.text).toContain('Exemple fictif');
      expect(res.headers['set-cookie']).toBeUndefined();
    },
  );

  it('when a sheet was stored without its optional lists, then its page is still served', async () => {
    // A sheet written by another tool (or an older version) may lack optional fields entirely.
    await SheetModel.collection.insertOne({
      slug: 'fiche-minimale',
      status: 'publiee',
      title: 'Une fiche minimale',
      summary: 'Seuls les champs obligatoires sont renseignés dans cette fiche.',
      structureName: 'Structure',
      actorType: 'plie',
      region: '24',
      department: '45',
      publishedAt: new Date(),
    });
    // Writers bump the content version with every publication (src/lib/content-version.ts).
    await bumpContentVersion();
    const res = await request(app).get('/recueil/fiche-minimale');
    expect(res.status).toBe(200);
    expect(res.text).toContain('Une fiche minimale');
    expect((await request(app).get('/recueil')).status).toBe(200);
  });

  it('when sheets are read with a projection, then defaults are added to the selected fields only', async () => {
    const cards = await SheetModel.find({ slug: 'fiche-minimale' }, 'slug qpv').lean();
    expect(cards).toEqual([{ _id: expect.anything(), slug: 'fiche-minimale', qpv: [] }]);
    const [withoutId] = await SheetModel.find(
      { slug: 'fiche-minimale' },
      { _id: 0, summary: 0 },
    ).lean();
    expect(withoutId).not.toHaveProperty('_id');
    expect(withoutId).not.toHaveProperty('summary');
    expect(withoutId).toMatchObject({ communes: [], themes: [], status: 'publiee' });
  });
});
