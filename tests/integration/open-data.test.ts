import request from 'supertest';
import { loadPracticeSeeds } from '../../src/seeding/seed-files';
import { seedDatabase } from '../../src/seeding/seed.service';
import { buildTestApp } from '../helpers/app';
import { useTestDatabase } from '../helpers/db';
import { fixtureSheets, insertFixtureSheets, xss } from '../helpers/practices';

useTestDatabase();
const { app, config } = buildTestApp();

const published = [
  ...loadPracticeSeeds().map((s) => ({ slug: s.slug, region: s.region })),
  ...fixtureSheets.filter((s) => s.status === 'publiee'),
];
const unpublished = /zephyr|zéphyr|xylophone/i;

beforeAll(async () => {
  await seedDatabase({ email: 'admin@exemple.fr', password: 'mot-de-passe-du-recueil' });
  await insertFixtureSheets();
});

describe('open data', () => {
  it('when the API is paged through, then it returns every published sheet once with its licence', async () => {
    const first = await request(app).get('/api/v1/practices');
    expect(first.status).toBe(200);
    expect(first.body.licence.name).toContain('Licence Ouverte');
    expect(first.body.meta.total).toBe(published.length);
    const second = await request(app).get(first.body.links.next);
    expect(second.body.links.prev).toBe('/api/v1/practices?page=1');
    const slugs = [...first.body.data, ...second.body.data].map((p: { slug: string }) => p.slug);
    expect(slugs.sort()).toEqual(published.map((p) => p.slug).sort());
    expect(first.headers['set-cookie']).toBeUndefined();
  });

  it('when the API is filtered like the page, then it returns the same sheets', async () => {
    const res = await request(app).get('/api/v1/practices?region=32');
    expect(res.body.data.map((p: { slug: string }) => p.slug).sort()).toEqual(
      published
        .filter((p) => p.region === '32')
        .map((p) => p.slug)
        .sort(),
    );
    const bad = await request(app).get('/api/v1/practices?page=abc');
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toContain('page');
    expect((await request(app).get('/api/v1/practices?region[$ne]=x')).body.meta.total).toBe(
      published.length,
    );
  });

  it('when sheets are exported, then only consented contacts and no workflow field appear', async () => {
    const all = [
      ...(await request(app).get('/api/v1/practices')).body.data,
      ...(await request(app).get('/api/v1/practices?page=2')).body.data,
    ] as Array<Record<string, unknown>>;
    const withContact = all.filter((p) => p.contact).map((p) => p.slug);
    expect(withContact.sort()).toEqual(['femmes-nettoyage-hdf', 'fiche-balisage']);
    for (const p of all) {
      for (const key of ['approval', 'origin', 'revision', 'status', '_id', 'slugHistory'])
        expect(p).not.toHaveProperty(key);
    }
  });

  it('when the CSV is downloaded, then it has one row per published sheet', async () => {
    const res = await request(app).get('/api/v1/practices.csv');
    expect(res.headers['content-type']).toContain('text/csv');
    expect(res.headers['content-disposition']).toContain('bonnes-pratiques.csv');
    const lines = res.text
      .replace(/^\ufeff/, '')
      .trim()
      .split('\r\n');
    expect(lines[0].startsWith('slug;url;titre')).toBe(true);
    const slugs = lines.slice(1).map((l) => l.split(';')[0]);
    expect(slugs.sort()).toEqual(published.map((p) => p.slug).sort());
  });

  it('when the feed, sitemap and robots.txt are read, then they list published sheets only, escaped', async () => {
    const feed = await request(app).get('/flux.atom');
    expect(feed.headers['content-type']).toContain('application/atom+xml');
    for (const p of published) expect(feed.text).toContain(`${config.baseUrl}/recueil/${p.slug}<`);
    expect(feed.text).not.toContain(xss.script);
    expect(feed.text).toContain('&lt;script&gt;');
    const map = await request(app).get('/sitemap.xml');
    for (const p of published)
      expect(map.text).toContain(`<loc>${config.baseUrl}/recueil/${p.slug}</loc>`);
    const robots = await request(app).get('/robots.txt');
    expect(robots.text).toContain(`Sitemap: ${config.baseUrl}/sitemap.xml`);
    expect((await request(app).get('/licence')).text).toContain('Licence Ouverte');
  });

  it('when a search is followed, then its feed holds exactly the sheets the search lists, and the list page links it', async () => {
    const search = 'q=femmes&region=32';
    const api = await request(app).get(`/api/v1/practices?${search}`);
    const expected = (api.body.data as Array<{ slug: string }>).map((p) => p.slug).sort();
    expect(expected.length).toBeGreaterThan(0);
    expect(api.body.meta.total).toBe(expected.length);
    const feed = await request(app).get(`/flux.atom?${search}`);
    expect(feed.status).toBe(200);
    const inFeed = [...feed.text.matchAll(/<id>[^<]*\/recueil\/([a-z0-9-]+)<\/id>/g)].map(
      (m) => m[1],
    );
    expect(inFeed.sort()).toEqual(expected);
    expect(feed.text).toContain(
      `<link rel="self" href="${config.baseUrl}/flux.atom?q=femmes&amp;region=32"/>`,
    );
    expect(feed.text).toContain('nouvelles fiches publiées pour « femmes »');
    const list = await request(app).get(`/recueil?${search}&tri=recent`);
    expect(list.text).toContain(
      '<link rel="alternate" type="application/atom+xml" title="Nouvelles fiches de cette recherche" href="/flux.atom?q=femmes&amp;region=32">',
    );
    // An unknown filter value is dropped, as on the list: the whole feed.
    const all = await request(app).get('/flux.atom?region=zz');
    expect(all.text.match(/<entry>/g)).toHaveLength(Math.min(50, published.length));
  });

  it('when a sheet is a draft or unpublished, then no open-data output mentions it', async () => {
    for (const path of [
      '/api/v1/practices',
      '/api/v1/practices?page=2',
      '/api/v1/practices.csv',
      '/flux.atom',
      '/sitemap.xml',
      '/chiffres-cles',
      '/chiffres-cles/regions.csv',
    ]) {
      const res = await request(app).get(path);
      expect({ path, leaks: unpublished.test(res.text) }).toEqual({ path, leaks: false });
    }
    expect((await request(app).get('/api/v1/practices?q=zephyr')).body.meta.total).toBe(0);
    // Corse (94) holds only the draft and the unpublished sheet.
    const regions = await request(app).get('/chiffres-cles/regions.csv');
    expect(regions.text).toContain('94;Corse;0;0');
  });
});
