import mongoose from 'mongoose';
import request from 'supertest';
import { migrations } from '../../src/app';
import { runMigrations } from '../../src/lib/migrations';
import { upsertUser } from '../../src/accounts/user.service';
import { UserModel } from '../../src/accounts/user.model';
import { buildTestApp, captureMailer } from '../helpers/app';
import { loginAs, type SignedIn } from '../helpers/auth';
import { clearDatabase, useTestDatabase } from '../helpers/db';
import { backOfficeObjects, objectParams, valueParams, type Objects } from '../helpers/objects';
import { fillPath, routeTable } from '../helpers/routes';

// What once answered 500 or stalled: accounts as a fresh install makes them, and control
// characters (a NUL that BSON refuses, line breaks, escapes) in any filter of any page.

jest.setTimeout(120_000);
useTestDatabase();
const { app } = buildTestApp({}, { mailer: captureMailer() });

describe('accounts of a fresh install', () => {
  beforeEach(clearDatabase);

  it('when accounts were made by the seed or create-admin, then the users page lists them', async () => {
    await upsertUser('seed@exemple.fr', 'mot-de-passe-du-seed-123', 'admin');
    await upsertUser('cli@exemple.fr', 'mot-de-passe-du-cli-123', 'moderator');
    expect((await UserModel.findOne({ email: 'cli@exemple.fr' }).lean())!.regions).toEqual([]);
    const admin = await loginAs(app, { role: 'admin' });
    const page = await admin.agent.get('/moderation/utilisateurs');
    expect(page.status).toBe(200);
    expect(page.text).toContain('seed@exemple.fr');
    expect(page.text).toContain('cli@exemple.fr');
  });

  it('when an account stored by an older version has no régions field, then the start-up migration gives it one and the pages work', async () => {
    await mongoose.connection.collection('users').insertOne({
      email: 'ancien@exemple.fr',
      name: 'Ancien compte',
      role: 'moderator',
      passwordHash: null,
      active: true,
      authVersion: 0,
    });
    await runMigrations(migrations);
    expect((await UserModel.findOne({ email: 'ancien@exemple.fr' }).lean())!.regions).toEqual([]);
    const admin = await loginAs(app, { role: 'admin' });
    expect((await admin.agent.get('/moderation/utilisateurs')).status).toBe(200);
  });
});

/** Every filter key any page reads, each given control characters. */
const filterKeys = [
  'q',
  'nom',
  'statut',
  'region',
  'departement',
  'theme',
  'public',
  'famille',
  'tri',
  'page',
  'acteur',
  'action',
  'du',
  'au',
  'a',
  'b',
  'atelier',
  'type',
  'retour',
  'confirmation',
];
const hostile = ['a\u0000b', 'ligne\r\nBcc: x@y', '\u001b[31m', '\u0000'];

describe('control characters in filters', () => {
  let objects: Objects;
  let admin: SignedIn;
  beforeAll(async () => {
    await clearDatabase();
    objects = await backOfficeObjects(app);
    admin = await loginAs(app, { role: 'admin' });
  });

  it('when every page is asked with control characters in every filter, then none answers 5xx, and the sheet search still searches', async () => {
    const pages = routeTable(app).filter((r) => r.method === 'GET');
    const failures: string[] = [];
    for (const route of pages) {
      const path = fillPath(route.path, (before, name) => {
        const object = objectParams[`${before}/:${name}`];
        if (object) return object(objects);
        return valueParams[`${before}/:${name}`] ?? (name === 'slug' ? objects.meeting : 'x');
      });
      for (const value of hostile) {
        const query = filterKeys.map((k) => `${k}=${encodeURIComponent(value)}`).join('&');
        const res = await admin.agent.get(`${path}?${query}`);
        if (res.status >= 500) failures.push(`${res.status} ${path}`);
      }
    }
    expect(failures).toEqual([]);
    const search = await admin.agent.get(
      `/moderation/fiches?q=${encodeURIComponent('ZZ\u0000Brouillon')}`,
    );
    expect(search.status).toBe(200);
    const anonymous = await request(app).get(`/recueil?q=${encodeURIComponent('a\u0000b')}`);
    expect(anonymous.status).toBe(200);
  });

  it('when a record points at a file gone from storage, then a French 404 page, not a cut connection', async () => {
    const res = await admin.agent.get(
      `/moderation/fiches/${objects.sheet}/medias/${objects.sheetFile}`,
    );
    expect(res.status).toBe(404);
    expect(res.text).toContain('Ce fichier n’existe plus.');
  });
});
