import { SheetModel } from '../../src/sheets/sheet.model';
import { buildTestApp, captureMailer } from '../helpers/app';
import { loginAs, type SignedIn } from '../helpers/auth';
import { clearDatabase, useTestDatabase } from '../helpers/db';
import {
  backOfficeObjects,
  changed,
  objectParams,
  snapshot,
  valueParams,
  type Objects,
} from '../helpers/objects';
import { csrfFrom } from '../helpers/respondent';
import { fillPath, paramsOf, routeTable, type Route } from '../helpers/routes';

// A moderator limited to Centre-Val de Loire (24) attacks every back-office route with the objects
// of Île-de-France (11): each answers 404 or 403 and leaves the database as it was. The routes come
// from the app itself, so a new route is attacked too; one this file cannot classify fails it.
//
// The rule for shared objects (README « Régions and shared objects »): a selection ties a sheet to
// a meeting, so it needs both in the user's régions; the national recueil is ordered by national
// users; another région's unpublished sheet is never shown, even where it is selected.

jest.setTimeout(120_000);
useTestDatabase();
const { app } = buildTestApp({}, { mailer: captureMailer() });

/** Private text of Île-de-France that no page or export of the attacker may show. */
const secrets = [
  'ZZ Brouillon francilien',
  'ZZ Présentatrice francilienne',
  'ZZ Rencontre francilienne',
];

/**
 * Back-office POSTs without an object in their path: the body names another région's objects or
 * région. The attacker's own objects stand in the path where one is needed.
 */
const bodyAttacks: Record<
  string,
  (f: Objects) => { path?: string; body: Record<string, unknown> }
> = {
  'POST /moderation/fiches/nouvelle': () => ({
    body: sheetForm({ region: '11', department: '75' }),
  }),
  'POST /moderation/fiches/etiquettes': (f) => ({ body: { ids: [f.sheet], keyword: 'pirate' } }),
  'POST /moderation/fiches/publication': (f) => ({ body: { ids: [f.sheet] } }),
  'POST /moderation/reponses/statut': (f) => ({
    body: { ids: [f.response], 'statut-groupe': 'en-examen' },
  }),
  'POST /moderation/recueil/deplacer': (f) => ({ body: { id: f.sheet, direction: 'monter' } }),
  'POST /moderation/rencontres/nouvelle': () => ({ body: meetingForm('pirate-11') }),
  'own sheet to région 11': (f) => ({
    path: `/moderation/fiches/${f.ownSheet}`,
    body: sheetForm({ region: '11', department: '75', revision: '0' }),
  }),
  'own sheet on a workshop of région 11': (f) => ({
    path: `/moderation/fiches/${f.ownSheet}/atelier`,
    body: { atelier: `${f.meeting}|A`, presenterName: 'Pirate' },
  }),
  'own meeting to région 11': (f) => ({
    path: `/moderation/rencontres/${f.ownMeeting}/modifier`,
    body: meetingForm(f.ownMeeting),
  }),
};

/** Routes with no région to cross, and why (each still needs its guard: tested elsewhere). */
const scopeFree: Record<string, string> = {
  'GET /moderation/compte': 'one’s own account',
  'POST /moderation/compte/mot-de-passe': 'one’s own account',
  'GET /moderation/compte/double-authentification': 'one’s own account',
  'POST /moderation/compte/double-authentification': 'one’s own account',
  'POST /moderation/compte/double-authentification/desactivation': 'one’s own account',
  'POST /moderation/compte/codes-de-secours': 'one’s own account',
  'GET /moderation/utilisateurs': 'admins only (403)',
  'GET /moderation/utilisateurs/inviter': 'admins only (403)',
  'POST /moderation/utilisateurs/inviter': 'admins only (403)',
  'GET /moderation/journal': 'admins only (403)',
  'GET /moderation/taxonomie': 'admins only (403)',
  'POST /moderation/taxonomie/ajouter': 'admins only (403)',
  'POST /moderation/taxonomie/renommer': 'admins only (403)',
  'POST /moderation/taxonomie/retirer': 'admins only (403)',
  'POST /moderation/taxonomie/fusionner': 'admins only (403)',
  'GET /moderation/donnees-personnelles': 'admins only (403)',
  'POST /moderation/donnees-personnelles': 'admins only (403)',
  'GET /moderation/donnees-personnelles/registre.csv': 'admins only (403)',
  'POST /moderation/donnees-personnelles/export': 'admins only (403)',
  'POST /moderation/donnees-personnelles/effacement': 'admins only (403)',
  'GET /moderation/exemples': 'admins only (403)',
  'POST /moderation/exemples': 'admins only (403)',
  'GET /moderation/fiches/nouvelle': 'an empty form',
  'GET /moderation/rencontres/nouvelle': 'an empty form',
  'GET /moderation/import': 'an empty form',
  'POST /moderation/import': 'its own test below: rows of another région are refused',
};

function sheetForm(more: Record<string, string>) {
  return {
    title: 'Fiche pirate',
    summary: 'Résumé',
    structureName: 'Structure',
    actorType: 'plie',
    themes: 'atelier-a-diversifier',
    ...more,
  };
}

function meetingForm(slug: string) {
  return {
    slug,
    titre: 'Rencontre pirate',
    region: '11',
    date: '2031-05-01',
    lieuNom: 'Salle',
    lieuAdresse: '1 rue',
    lieuCodePostal: '75001',
    lieuVille: 'Paris',
    anonymiserApres: '6',
    creneauDebut: '09:00',
    creneauFin: '10:00',
    creneauTitre: 'Accueil',
    creneauType: 'accueil',
  };
}

const key = (r: Route) => `${r.method} ${r.path}`;
const backOffice = routeTable(app).filter((r) => r.path.startsWith('/moderation'));
const objectRoutes = backOffice.filter((r) =>
  paramsOf(r.path).some((p) => objectParams[`${p.before}/:${p.name}`]),
);
const listRoutes = backOffice.filter(
  (r) =>
    r.method === 'GET' && !objectRoutes.includes(r) && !scopeFree[key(r)] && !bodyAttacks[key(r)],
);

let f: Objects;
let attacker: SignedIn;
beforeAll(async () => {
  await clearDatabase();
  f = await backOfficeObjects(app);
  attacker = await loginAs(app, { role: 'moderator', regions: ['24'] });
});

describe('a regional moderator and another région’s objects', () => {
  it('when the route table is read, then every back-office route is attacked, listed as scope-free or checked as a list', () => {
    const unknownParams = backOffice.flatMap((r) =>
      paramsOf(r.path)
        .map((p) => `${p.before}/:${p.name}`)
        .filter((p) => !objectParams[p] && !valueParams[p])
        .map((p) => `${key(r)} (${p})`),
    );
    expect(unknownParams).toEqual([]);
    const unclassified = backOffice.filter(
      (r) =>
        r.method === 'POST' &&
        !objectRoutes.includes(r) &&
        !scopeFree[key(r)] &&
        !bodyAttacks[key(r)],
    );
    expect(unclassified.map(key)).toEqual([]);
    expect(objectRoutes.length).toBeGreaterThan(40);
  });

  it('when each route naming an object of another région is requested, then 404 or 403, and nothing changes in the database', async () => {
    const answers: Record<string, number> = {};
    for (const route of objectRoutes) {
      const path = fillPath(route.path, (before, name) => {
        const object = objectParams[`${before}/:${name}`];
        return object ? object(f) : valueParams[`${before}/:${name}`];
      });
      const before = await snapshot();
      const res =
        route.method === 'GET'
          ? await attacker.agent.get(path)
          : await attacker.agent
              .post(path)
              .type('form')
              .send({
                _csrf: await attacker.csrf(),
                atelier: `${f.meeting}|A`,
                meeting: f.meeting,
                workshop: 'A',
                id: f.sheet,
              });
      answers[`${key(route)} → ${path}`] = res.status;
      expect({ path, changed: changed(before, await snapshot()) }).toEqual({ path, changed: [] });
    }
    const wrong = Object.entries(answers).filter(([, status]) => status !== 404 && status !== 403);
    expect(wrong).toEqual([]);
  });

  it('when a form names another région or its objects in its body, then it is refused and nothing changes', async () => {
    const outcomes: Record<string, number> = {};
    for (const [name, attack] of Object.entries(bodyAttacks)) {
      const { path = name.split(' ')[1], body } = attack(f);
      const before = await snapshot();
      const res = await attacker.agent
        .post(path)
        .type('form')
        .send({ ...body, _csrf: await attacker.csrf() });
      outcomes[name] = res.status;
      if (res.status === 422)
        expect({ name, refused: res.text.includes('Choisissez une de vos régions') }).toEqual({
          name,
          refused: true,
        });
      expect({ name, changed: changed(before, await snapshot()) }).toEqual({ name, changed: [] });
    }
    expect(outcomes).toEqual({
      'POST /moderation/fiches/nouvelle': 422,
      'POST /moderation/fiches/etiquettes': 303,
      'POST /moderation/fiches/publication': 303,
      'POST /moderation/reponses/statut': 303,
      'POST /moderation/recueil/deplacer': 403,
      'POST /moderation/rencontres/nouvelle': 422,
      'own sheet to région 11': 422,
      'own sheet on a workshop of région 11': 404,
      'own meeting to région 11': 422,
    });
    const page = await attacker.agent.get(`/moderation/fiches/${f.ownSheet}`);
    expect(page.text).not.toContain(`value="${f.meeting}|A"`);
  });

  it('when every list, export and figure page is read, then no private text of the other région shows', async () => {
    expect(listRoutes.length).toBeGreaterThan(5);
    for (const route of listRoutes) {
      const path = fillPath(route.path, (before, name) => valueParams[`${before}/:${name}`]);
      const res = await attacker.agent.get(path).buffer(true);
      expect({ path, status: res.status }).toEqual({ path, status: 200 });
      const body = res.text ?? String(res.body);
      for (const secret of secrets)
        expect({ path, leaks: body.includes(secret) }).toEqual({ path, leaks: false });
    }
  });

  it('when a file of rows of another région is imported, then each row is refused and no sheet is written', async () => {
    const csv = [
      'cle;titre;resume;structure;type_structure;region;departement;thematiques',
      'pirate-1;Fiche pirate;Résumé;Structure;plie;11;75;atelier-a-diversifier',
    ].join('\n');
    const token = await attacker.csrf('/moderation/import');
    const uploaded = await attacker.agent
      .post(`/moderation/import?_csrf=${encodeURIComponent(token)}`)
      .field('kind', 'fiches')
      .attach('fichier', Buffer.from(csv), 'pirate.csv');
    expect(uploaded.status).toBe(303);
    const preview = await attacker.agent.get(uploaded.headers.location);
    expect(preview.text).toContain('Ligne 2 : region : hors de vos régions.');
    const before = await snapshot();
    const run = await attacker.agent
      .post(uploaded.headers.location)
      .type('form')
      .send({ _csrf: csrfFrom(preview.text), mode: 'lignes-valides' });
    expect(run.status).toBe(303);
    const after = await snapshot();
    expect(after.practices).toBe(before.practices);
    expect(await SheetModel.countDocuments({ region: '11', title: 'Fiche pirate' })).toBe(0);
  });

  it('when the attacker opens their own meeting’s practices, then another région’s unpublished sheet selected there is masked', async () => {
    const page = await attacker.agent.get(`/moderation/rencontres/${f.ownMeeting}/pratiques`);
    expect(page.status).toBe(200);
    expect(page.text).toContain('Fiche d’une autre région, pas encore publiée');
    for (const secret of secrets) expect(page.text).not.toContain(secret);
    expect(page.text).not.toContain(`/moderation/fiches/${f.sheet}"`);
  });
});
