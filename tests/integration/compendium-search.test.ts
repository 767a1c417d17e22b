import request from 'supertest';
import { stopSearchWorker } from '../../src/compendium/search-index';
import { bumpContentVersion } from '../../src/lib/content-version';
import { SheetModel } from '../../src/sheets/sheet.model';
import { loadPracticeSeeds } from '../../src/seeding/seed-files';
import { seedDatabase } from '../../src/seeding/seed.service';
import { buildTestApp } from '../helpers/app';
import { useTestDatabase } from '../helpers/db';
import { fixtureSheets, insertFixtureSheets, xss } from '../helpers/practices';

useTestDatabase();
const { app } = buildTestApp();

type Sheet = Record<string, unknown> & { slug: string; region: string; department: string };
/** The published sheets as stored once the seed (demo selections included) and fixtures ran. */
let published: Sheet[] = [];
const list = (v: unknown) => (Array.isArray(v) ? (v as string[]) : []);

/** What each facet parameter means, written again here to count by brute force. */
const facetValues: Record<string, (s: Sheet) => string[]> = {
  region: (s) => [s.region],
  departement: (s) => [s.department],
  theme: (s) => list(s.themes),
  public: (s) => list(s.publics),
  marche: (s) => list(s.marketFamilies),
  levier: (s) => list(s.legalLevers),
  acteur: (s) => [s.actorType as string],
  rencontre: (s) => [
    ...new Set(list(s.meetingSelections).map((m) => (m as unknown as { meeting: string }).meeting)),
  ],
  national: (s) => ((s.recueil as { chapter?: string })?.chapter ? ['oui'] : []),
};

/** Facet counts shown on a list page: { param: { value: count } }. */
function shownCounts(html: string): Record<string, Record<string, number>> {
  const counts: Record<string, Record<string, number>> = {};
  const pattern =
    /name="(\w+)" value="([^"]+)"[^>]*>\s*<label[^>]*>[^<]*<span class="facet__count">\((\d+)\)/g;
  for (const [, param, value, count] of html.matchAll(pattern))
    (counts[param] ??= {})[value] = Number(count);
  return counts;
}

const slugsOf = (html: string) =>
  [...html.matchAll(/<h3 class="card__title"><a href="\/recueil\/([a-z0-9-]+)"/g)].map((m) => m[1]);
const totalOf = (html: string) => Number(/id="resultats"[^>]*>(\d+) fiche/.exec(html)![1]);

beforeAll(async () => {
  await seedDatabase({ email: 'admin@exemple.fr', password: 'mot-de-passe-du-recueil' });
  await insertFixtureSheets();
  published = (await SheetModel.find({ status: 'publiee' }).lean()) as unknown as Sheet[];
  expect(published.length).toBe(
    loadPracticeSeeds().length + fixtureSheets.filter((s) => s.status === 'publiee').length,
  );
});

describe('compendium search', () => {
  it('when a word has two letters swapped, then the page shows the sheets of the closest spelling and says so; further off, it suggests a query that finds sheets', async () => {
    const right = await request(app).get('/recueil?q=femmes');
    const swapped = await request(app).get('/recueil?q=fmemes');
    expect(swapped.status).toBe(200);
    expect(slugsOf(swapped.text)).toEqual(slugsOf(right.text));
    expect(totalOf(swapped.text)).toBeGreaterThan(0);
    expect(swapped.text).toContain(
      'Aucune fiche ne contient « fmemes » : voici les fiches pour « <strong>femmes</strong> »',
    );
    const far = await request(app).get('/recueil?q=fmmees');
    expect(totalOf(far.text)).toBe(0);
    const link = /id="suggestion">Vouliez-vous dire <a href="([^"]+)">« ([^»]+) »<\/a>/.exec(
      far.text,
    );
    expect(link).not.toBeNull();
    const followed = await request(app).get(link![1].replace(/&amp;/g, '&'));
    expect(totalOf(followed.text)).toBeGreaterThan(0);
  });

  it('when a word is in one title and another body, then the title match ranks first and is highlighted', async () => {
    const res = await request(app).get('/recueil?q=femmes');
    const slugs = slugsOf(res.text);
    const inTitle = published.filter((s) => /femme/i.test(s.title as string)).map((s) => s.slug);
    expect(inTitle.length).toBeGreaterThan(1);
    // Every sheet with the word in its title comes before the one with it in its body only.
    expect(slugs.slice(0, inTitle.length).sort()).toEqual(inTitle.sort());
    expect(slugs).toContain('chantier-ecole-batiment');
    expect(res.text).toContain('Des <mark>femmes</mark> dans les marchés');
  });

  it.each([
    ['accents and case', 'ÉCOLE', 'chantier-ecole-batiment'],
    ['no accents', 'batiment', 'chantier-ecole-batiment'],
    ['singular for a plural', 'femme', 'femmes-nettoyage-hdf'],
    ['plural for a singular', 'chantiers', 'chantier-ecole-batiment'],
    ['a prefix', 'insert', 'insertion-activite-economique'],
    ['a typo', 'nettoyaje', 'femmes-nettoyage-hdf'],
    ['an elision', 'l’activité', 'insertion-activite-economique'],
  ])('when the query has %s (%s), then the sheet is found', async (_case, q, slug) => {
    const res = await request(app).get(`/recueil?q=${encodeURIComponent(q)}`);
    expect(res.status).toBe(200);
    expect(slugsOf(res.text)).toContain(slug);
  });

  it('when the search index’s worker has stopped, then the next search rebuilds it and answers', async () => {
    expect((await request(app).get('/recueil?q=femmes&tri=recent')).status).toBe(200);
    await stopSearchWorker();
    // A query not asked before: the page is not in the cache.
    const res = await request(app).get('/recueil?q=nettoyage&tri=recent');
    expect(res.status).toBe(200);
    expect(slugsOf(res.text)).toContain('femmes-nettoyage-hdf');
  });

  it('when no filter is chosen, then every facet count equals a brute-force count of the published sheets', async () => {
    const shown = shownCounts((await request(app).get('/recueil')).text);
    for (const [param, valuesOf] of Object.entries(facetValues)) {
      const expected: Record<string, number> = {};
      for (const s of published) for (const v of valuesOf(s)) expected[v] = (expected[v] ?? 0) + 1;
      expect({ param, counts: shown[param] }).toEqual({ param, counts: expected });
    }
  });

  it('when filters are combined, then results and the other facets count the intersection', async () => {
    const res = await request(app).get(
      '/recueil?region=32&theme=famille-publics&theme=atelier-a-diversifier',
    );
    const themes = ['famille-publics', 'atelier-a-diversifier'];
    const expected = published.filter(
      (s) => s.region === '32' && list(s.themes).some((t) => themes.includes(t)),
    );
    expect(totalOf(res.text)).toBe(expected.length);
    expect(slugsOf(res.text).sort()).toEqual(expected.map((s) => s.slug).sort());
    // The région facet counts sheets of the chosen themes in every région.
    const byRegion = published.filter((s) => list(s.themes).some((t) => themes.includes(t)));
    expect(shownCounts(res.text).region['32']).toBe(
      byRegion.filter((s) => s.region === '32').length,
    );
    expect(res.text).toContain('Retirer le filtre Région : Hauts-de-France');
  });

  it('when nothing matches, then the page suggests removing each filter with its count', async () => {
    const res = await request(app).get('/recueil?q=nettoyage&region=84');
    expect(res.status).toBe(200);
    expect(totalOf(res.text)).toBe(0);
    const widened = published.filter((s) => /nettoyage/i.test(JSON.stringify(s))).length;
    expect(res.text).toContain(
      `href="/recueil?q=nettoyage">retirer « Région : Auvergne-Rhône-Alpes »</a> (${widened} fiches)`,
    );
    expect(res.text).toContain('href="/recueil?region=84">retirer « Recherche : « nettoyage » »');
  });

  it('when pages are walked, then every sheet appears once and out-of-range pages are handled', async () => {
    const pages = await Promise.all([1, 2].map((p) => request(app).get(`/recueil?page=${p}`)));
    const slugs = pages.flatMap((r) => slugsOf(r.text));
    expect(slugs).toHaveLength(published.length);
    expect(new Set(slugs).size).toBe(published.length);
    const beyond = await request(app).get('/recueil?page=99');
    expect(slugsOf(beyond.text)).toEqual(slugsOf(pages[1].text));
    for (const bad of ['0', 'abc', '-1', '1e3'])
      expect((await request(app).get(`/recueil?page=${bad}`)).status).toBe(400);
  });

  it('when the query string is hostile, then it is ignored or refused, never injected nor a crash', async () => {
    const all = totalOf((await request(app).get('/recueil')).text);
    for (const path of [
      '/recueil?region[$ne]=x',
      '/recueil?region%5B%24ne%5D=x',
      '/recueil?__proto__[a]=1',
      '/recueil?constructor[prototype][a]=1',
      '/recueil?q[$gt]=',
      `/recueil?region=${encodeURIComponent(xss.script)}`,
      '/recueil?tri=nimporte&national=non',
    ]) {
      const res = await request(app).get(path);
      expect({ path, status: res.status }).toEqual({ path, status: 200 });
      expect(totalOf(res.text)).toBe(all);
      expect(res.text).not.toContain('<script>alert');
    }
    const huge = await request(app).get(`/recueil?q=${'insertion '.repeat(1000)}`);
    expect(huge.status).toBe(200);
    const many = await request(app).get(`/recueil?${'q=a&'.repeat(500)}region=32`);
    expect(many.status).toBe(200);
  });
});

describe('practice pages and visibility', () => {
  it('when a published sheet is opened, then its sections, territory, meeting, chapter links and consented contact are shown', async () => {
    const res = await request(app).get('/recueil/femmes-nettoyage-hdf');
    expect(res.status).toBe(200);
    expect(res.headers['set-cookie']).toBeUndefined();
    expect(res.text).toContain('href="/recueil?theme=famille-publics"');
    expect(res.text).toContain('href="/rencontres/centre-val-de-loire-2022"');
    expect(res.text).toContain('mailto:camille@exemple.fr');
    expect(res.text).toContain('href="/recueil/femmes-nettoyage-hdf.pdf"');
    expect(res.text).toContain('<meta property="og:title" content="Des femmes dans les marchés');
    expect(res.text).toMatch(/4\s200/u);
  });

  it('when a former slug is requested, then it redirects permanently to the current one', async () => {
    const res = await request(app).get('/recueil/ancienne-fiche-nettoyage');
    expect(res.status).toBe(301);
    expect(res.headers.location).toBe('/recueil/femmes-nettoyage-hdf');
  });

  it('when a sheet is a draft, unpublished or unknown, then it is nowhere: page, list, search, facets', async () => {
    for (const slug of ['brouillon-zephyr', 'depubliee-xylophone', 'inconnue'])
      expect((await request(app).get(`/recueil/${slug}`)).status).toBe(404);
    for (const path of [
      '/recueil',
      '/recueil?page=2',
      '/recueil?q=zephyr',
      '/recueil?q=xylophone',
      '/recueil/national',
    ]) {
      const res = await request(app).get(path);
      expect(res.text).not.toMatch(
        /Brouillon zéphyr|Fiche xylophone|brouillon-zephyr|depubliee-xylophone/,
      );
      expect(res.text).not.toContain('value="94"');
    }
  });

  it('when sheet fields hold markup, then every page shows it as text', async () => {
    for (const path of ['/recueil/fiche-balisage', '/recueil?q=balisage', '/recueil']) {
      const res = await request(app).get(path);
      expect(res.text).not.toContain(xss.script);
      expect(res.text).not.toContain(xss.img);
      expect(res.text).not.toMatch(/<img src=x/);
    }
    const page = await request(app).get('/recueil/fiche-balisage');
    expect(page.text).toContain('&lt;script&gt;alert(&#34;xss&#34;)&lt;/script&gt;');
  });

  it('when a page is requested again with its ETag, then 304; gzip is served when accepted', async () => {
    const first = await request(app).get('/recueil').set('Accept-Encoding', 'gzip');
    expect(first.headers['content-encoding']).toBe('gzip');
    expect(first.headers.etag).toBeTruthy();
    const again = await request(app).get('/recueil').set('If-None-Match', first.headers.etag);
    expect(again.status).toBe(304);
  });

  it('when many readers ask for a page not rendered yet at once, then all get the same bytes', async () => {
    const answers = await Promise.all(
      Array.from({ length: 12 }, () =>
        request(app).get('/recueil?theme=famille-publics&tri=region'),
      ),
    );
    expect(answers.map((r) => r.status)).toEqual(Array(12).fill(200));
    expect(new Set(answers.map((r) => r.headers.etag)).size).toBe(1);
  });

  it('when a draft is published and the content version bumped, then list and page show it', async () => {
    await SheetModel.updateOne(
      { slug: 'brouillon-zephyr' },
      { status: 'publiee', publishedAt: new Date() },
    );
    await bumpContentVersion();
    expect((await request(app).get('/recueil/brouillon-zephyr')).status).toBe(200);
    expect(slugsOf((await request(app).get('/recueil?q=zephyr')).text)).toEqual([
      'brouillon-zephyr',
    ]);
    await SheetModel.updateOne({ slug: 'brouillon-zephyr' }, { status: 'brouillon' });
    await bumpContentVersion();
    expect((await request(app).get('/recueil/brouillon-zephyr')).status).toBe(404);
  });
});
