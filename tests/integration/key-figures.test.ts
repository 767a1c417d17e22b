import request from 'supertest';
import { bumpContentVersion } from '../../src/lib/content-version';
import { SheetModel } from '../../src/sheets/sheet.model';
import { loadPracticeSeeds } from '../../src/seeding/seed-files';
import { seedDatabase } from '../../src/seeding/seed.service';
import { buildTestApp } from '../helpers/app';
import { useTestDatabase } from '../helpers/db';

useTestDatabase();

type Results = Record<string, number>;
/** A sheet beside the seeded ones: `results` as given (or none at all). */
const sheet = (slug: string, status: string, more: Record<string, unknown> = {}) => ({
  slug,
  status,
  title: `Fiche ${slug}`,
  summary: 'Résumé',
  structureName: 'Structure',
  actorType: 'plie',
  region: '24',
  department: '45',
  ...more,
});

const extra = [
  sheet('publiee-sans-resultats', 'publiee', { region: '06', department: '976' }),
  sheet('publiee-partielle', 'publiee', {
    results: { hoursAchieved: 1234, fte: 0.75 },
    marketFamilies: ['marches-prives'],
  }),
  sheet('publiee-complete', 'publiee', {
    region: '32',
    department: '59',
    results: { hoursAchieved: 700, participants: 9, women: 4, qpvResidents: 7, fte: 1.2 },
    marketFamilies: ['services', 'travaux'],
  }),
  // Participants without women or QPV figures: says nothing about either share.
  sheet('publiee-participants-seuls', 'publiee', {
    results: { hoursAchieved: 10, participants: 5000 },
  }),
  sheet('brouillon', 'brouillon', {
    results: { hoursAchieved: 99999, participants: 999, women: 99 },
    marketFamilies: ['fournitures'],
  }),
  sheet('depubliee', 'depubliee', { region: '94', department: '2A', results: { fte: 50 } }),
];

const number = (s: string) => Number(s.replace(/[\s\u202f\u00a0%]/g, '').replace(',', '.'));
const round1 = (x: number) => Math.round(x * 10) / 10;

describe('key figures', () => {
  let page: string;
  const published = [...loadPracticeSeeds(), ...extra.filter((p) => p.status === 'publiee')];
  const results = (p: (typeof published)[number]) => (p as { results?: Results }).results ?? {};
  const total = (field: string) => published.reduce((sum, p) => sum + (results(p)[field] ?? 0), 0);

  beforeAll(async () => {
    await seedDatabase({ email: 'admin@exemple.fr', password: 'mot-de-passe-de-test-1' });
    await SheetModel.insertMany(extra);
    await bumpContentVersion();
    const res = await request(buildTestApp().app).get('/chiffres-cles');
    expect(res.status).toBe(200);
    page = res.text;
  });

  it('when published sheets hold results, then every figure is the plain sum over them, drafts and unpublished left out', () => {
    // A share counts only the sheets giving both the participants and that part.
    const giving = (part: string) =>
      published.filter((p) => (results(p).participants ?? 0) > 0 && part in results(p));
    const share = (part: string) => {
      const rows = giving(part);
      const add = (field: string) => rows.reduce((s, p) => s + results(p)[field], 0);
      return round1((add(part) / add('participants')) * 100);
    };
    const expected = {
      practices: published.length,
      hours: total('hoursAchieved'),
      fte: round1(total('fte')),
      participants: total('participants'),
      women: total('women'),
      qpvResidents: total('qpvResidents'),
      womenPercent: share('women'),
      womenPercentSheets: giving('women').length,
      qpvPercent: share('qpvResidents'),
      qpvPercentSheets: giving('qpvResidents').length,
    };
    // The sheet stating 5,000 participants and no women is left out of the share: counted in,
    // it would drag the share of women far down.
    expect(giving('women').some((p) => p.slug === 'publiee-participants-seuls')).toBe(false);
    expect(expected.womenPercent).toBeGreaterThan(20);
    expect(expected.hours).toBeGreaterThan(48_500);
    const shown = Object.fromEntries(
      [...page.matchAll(/data-figure="(\w+)">([^<]+)</g)].map((m) => [m[1], number(m[2])]),
    );
    expect(shown).toEqual(expected);
  });

  it('when the région and market-family tables are read, then each count is the number of published sheets', async () => {
    const app = buildTestApp().app;
    const countBy = (has: (p: (typeof published)[number]) => boolean) =>
      published.filter(has).length;
    const regions = await request(app).get('/chiffres-cles/regions.csv');
    expect(regions.headers['content-type']).toContain('text/csv');
    const regionRows = regions.text
      .replace(/^\ufeff/, '')
      .trim()
      .split('\r\n')
      .slice(1);
    expect(regionRows).toHaveLength(18);
    for (const line of regionRows) {
      const [code, , count, percent] = line.split(';');
      const expected = countBy((p) => p.region === code);
      expect({ code, count: Number(count) }).toEqual({ code, count: expected });
      expect(number(percent)).toBe(round1((expected / published.length) * 100));
      // The page's table says the same.
      expect(page).toMatch(
        new RegExp(`data-code="${code}">.*?<td>[A-Z]{3}</td><td>${expected}</td>`),
      );
    }
    const families = await request(app).get('/chiffres-cles/familles-de-marches.csv');
    for (const line of families.text
      .replace(/^\ufeff/, '')
      .trim()
      .split('\r\n')
      .slice(1)) {
      const [code, , count] = line.split(';');
      expect(Number(count)).toBe(
        countBy((p) => ((p as { marketFamilies?: string[] }).marketFamilies ?? []).includes(code)),
      );
    }
    expect(page).toContain('role="img"');
    expect(page).toContain('<caption>Fiches publiées par région</caption>');
  });
});
