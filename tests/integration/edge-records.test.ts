import request from 'supertest';
import { bumpContentVersion } from '../../src/lib/content-version';
import { SheetModel } from '../../src/sheets/sheet.model';
import { buildTestApp } from '../helpers/app';
import { loginAs, type SignedIn } from '../helpers/auth';
import { clearDatabase, useTestDatabase } from '../helpers/db';
import { practiceSheet } from '../helpers/practices';

useTestDatabase();
const { app } = buildTestApp();

const publicPages = [
  '/',
  '/recueil',
  '/recueil/national',
  '/recueil/national.pdf',
  '/chiffres-cles',
  '/rencontres',
  '/api/v1/practices',
  '/api/v1/practices.csv',
  '/sitemap.xml',
  '/flux.atom',
];
const backOfficePages = [
  '/moderation',
  '/moderation/chiffres',
  '/moderation/export.csv',
  '/moderation/export.xlsx',
  '/moderation/fiches',
  '/moderation/recueil',
  '/moderation/taxonomie',
  '/moderation/import',
  '/moderation/rencontres',
  '/moderation/journal',
];

describe('pages with nothing, or with unusual records', () => {
  let admin: SignedIn;
  beforeAll(async () => {
    await clearDatabase();
    await bumpContentVersion();
    admin = await loginAs(app, { role: 'admin' });
  });

  it.each(publicPages)('when the database holds nothing, then %s answers 200', async (url) => {
    expect((await request(app).get(url)).status).toBe(200);
  });

  it.each(backOfficePages)(
    'when the database holds nothing, then the back-office page %s answers 200',
    async (url) => {
      expect((await admin.agent.get(url)).status).toBe(200);
    },
  );

  it('when a published sheet has the longest title, no territory detail and no optional field, then every public view of it answers 200', async () => {
    const title = `${'Une pratique au titre très long '.repeat(6)}`.slice(0, 200);
    await SheetModel.insertMany([
      practiceSheet('fiche-minimale', { title, recueil: { chapter: 'preparer-le-contrat' } }),
    ]);
    await bumpContentVersion();
    for (const url of [
      '/recueil',
      '/recueil/fiche-minimale',
      '/recueil/fiche-minimale.pdf',
      '/recueil/national',
      '/chiffres-cles',
      '/api/v1/practices',
      '/flux.atom',
    ]) {
      const res = await request(app).get(url);
      expect({ url, status: res.status }).toEqual({ url, status: 200 });
    }
    const page = await request(app).get('/recueil/fiche-minimale');
    expect(page.text).toContain(title);
    const sheets = await admin.agent.get('/moderation/fiches');
    expect(sheets.status).toBe(200);
    expect(sheets.text).toContain(title);
  });
});
