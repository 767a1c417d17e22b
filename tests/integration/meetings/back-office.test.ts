import {
  AccessibilityNeedModel,
  saveNeed,
} from '../../../src/meetings/registrations/accessibility-needs';
import ExcelJS from 'exceljs';
import request from 'supertest';
import { AuditEventModel } from '../../../src/audit/audit.model';
import { MeetingModel } from '../../../src/meetings/meeting.model';
import { meetingsChanged } from '../../../src/meetings/meeting.version';
import { anonymiseDueRegistrations } from '../../../src/meetings/registrations/anonymise';
import { RegistrationModel } from '../../../src/meetings/registrations/registration.model';
import { register } from '../../../src/meetings/registrations/registration.service';
import { seedDatabase } from '../../../src/seeding/seed.service';
import { buildTestApp, captureMailer } from '../../helpers/app';
import { loginAs, type SignedIn } from '../../helpers/auth';
import { clearDatabase, useTestDatabase } from '../../helpers/db';
import { samplePdf, sampleHtml } from '../../helpers/files';
import { countBy, createMeeting } from '../../helpers/meetings';
import { csrfFrom } from '../../helpers/respondent';

useTestDatabase();
const mailer = captureMailer();
const { app } = buildTestApp({}, { mailer });
const deps = { mailer, baseUrl: 'http://localhost:3000' };
const cvl = 'centre-val-de-loire-2022';
let moderator: SignedIn;

let n = 0;
function person(overrides: Partial<Parameters<typeof register>[2]> = {}) {
  n += 1;
  return {
    email: `personne${n}@exemple.fr`,
    lastName: `Nom${n}`,
    firstName: `Prénom${n}`,
    structure: 'Ville d’Orléans',
    structureType: 'commune',
    jobTitle: 'Chargée de mission',
    department: '45',
    workshop: 'A',
    lunch: true,
    listConsent: true,
    ...overrides,
  };
}

beforeAll(async () => {
  await clearDatabase();
  await seedDatabase({ email: 'admin@exemple.fr', password: 'mot-de-passe-rencontres' });
  moderator = await loginAs(app, { role: 'moderator' });
});

/** The editor's form values for the seeded CVL meeting, as the edit page fills them. */
async function cvlForm(): Promise<Record<string, string | string[]>> {
  const m = (await MeetingModel.findOne({ slug: cvl }).lean())!;
  const workshops = m.programme.flatMap((s) => s.workshops ?? []);
  return {
    titre: m.title,
    etape: String(m.stage),
    region: m.region,
    date: '2022-10-20',
    lieuNom: m.venue!.name,
    lieuAdresse: m.venue!.address,
    lieuCodePostal: m.venue!.postalCode,
    lieuVille: m.venue!.city,
    introduction: m.summary ?? '',
    public: m.audience ?? '',
    contactOrganisation: 'Alliance Villes Emploi',
    contactEmail: 'ave@ville-emploi.asso.fr',
    programmeStatut: 'provisoire',
    publie: 'oui',
    capacite: '',
    ouverture: '',
    cloture: '',
    anonymiserApres: '6',
    creneauDebut: m.programme.map((s) => s.start),
    creneauFin: m.programme.map((s) => s.end),
    creneauTitre: m.programme.map((s) => s.title),
    creneauType: m.programme.map((s) => s.kind),
    creneauNote: m.programme.map((s) => s.note ?? ''),
    atelierCode: workshops.map((w) => w.code),
    atelierTitre: workshops.map((w) => w.title),
    atelierDescription: workshops.map(() => ''),
    atelierTheme: workshops.map((w) => w.theme ?? ''),
    atelierCapacite: workshops.map(() => '40'),
  };
}

/** An editor form with a welcome slot and an « ateliers » slot holding workshops A and B. */
const twoWorkshopForm = (fields: Record<string, string | string[]>) => ({
  lieuNom: 'Salle',
  anonymiserApres: '6',
  creneauDebut: ['09:00', '14:00'],
  creneauFin: ['10:00', '15:00'],
  creneauTitre: ['Accueil', 'Ateliers'],
  creneauType: ['accueil', 'ateliers'],
  creneauNote: ['', ''],
  atelierCode: ['A', 'B'],
  ...fields,
});

describe('meetings back office', () => {
  it('when a visitor or a coordinator of another région opens the meetings, then login is asked or the meeting does not exist', async () => {
    const anonymous = await request(app).get('/moderation/rencontres');
    expect(anonymous.status).toBe(302);
    const other = await loginAs(app, { role: 'moderator', regions: ['53'] });
    expect((await other.agent.get('/moderation/rencontres')).text).not.toContain(cvl);
    for (const page of ['', '/inscrits', '/accueil?nom=a']) {
      expect((await other.agent.get(`/moderation/rencontres/${cvl}${page}`)).status).toBe(404);
    }
    expect((await other.agent.get(`/moderation/rencontres/${cvl}/inscrits.csv`)).status).toBe(404);
    expect((await moderator.agent.get('/moderation/rencontres')).text).toContain(cvl);
  });

  it('when the seeded programme is saved, then its overlap (table ronde 10h30–11h30, questions 11h00–12h25) is flagged and kept only after confirming', async () => {
    const path = `/moderation/rencontres/${cvl}/modifier`;
    const page = await moderator.agent.get(path);
    expect(page.status).toBe(200);
    const body = { _csrf: csrfFrom(page.text), ...(await cvlForm()) };
    const flagged = await moderator.agent.post(path).type('form').send(body);
    expect(flagged.status).toBe(422);
    expect(flagged.text).toContain('se chevauchent');
    expect(flagged.text).toContain('(10:30–11:30)');
    expect(flagged.text).toContain('« Questions / Réponses » (11:00–12:25)');
    expect(flagged.text).toContain('name="confirmerChevauchements"');
    const kept = await moderator.agent
      .post(path)
      .type('form')
      .send({ ...body, confirmerChevauchements: 'oui' });
    expect(kept.status).toBe(303);
    const m = (await MeetingModel.findOne({ slug: cvl }).lean())!;
    expect(m.overlapsConfirmed).toBe(true);
    expect(m.programme.map((s) => `${s.start}-${s.end}`)).toContain('11:00-12:25');
    const seats = m.seats as unknown as {
      workshops: Record<string, { capacity: number; taken: number }>;
    };
    expect(seats.workshops.B).toEqual({ capacity: 40, taken: 0 });
    expect(
      await AuditEventModel.exists({ action: 'meeting.updated', 'target.id': cvl }),
    ).not.toBeNull();
  });

  it('when a new meeting is created with errors, then 422 with the messages and values kept; corrected, it is stored with its counters', async () => {
    const page = await moderator.agent.get('/moderation/rencontres/nouvelle');
    const body = twoWorkshopForm({
      _csrf: csrfFrom(page.text),
      slug: 'bretagne-2023',
      titre: 'Rencontre régionale de Bretagne',
      etape: '9',
      region: '53',
      date: '2023-03-14',
      lieuAdresse: '2 rue de Brest',
      lieuCodePostal: '350',
      lieuVille: 'Rennes',
      publie: 'non',
      programmeStatut: 'definitif',
      atelierTitre: ['Atelier un', 'Atelier deux'],
      atelierDescription: ['', ''],
      atelierTheme: ['', ''],
      atelierCapacite: ['10', 'beaucoup'],
    });
    const bad = await moderator.agent
      .post('/moderation/rencontres/nouvelle')
      .type('form')
      .send(body);
    expect(bad.status).toBe(422);
    expect(bad.text).toContain('Saisissez un code postal à 5 chiffres');
    expect(bad.text).toContain('Atelier 2 : capacité en chiffres');
    expect(bad.text).toContain('value="Rencontre régionale de Bretagne"');
    expect(await MeetingModel.exists({ slug: 'bretagne-2023' })).toBeNull();
    const good = await moderator.agent
      .post('/moderation/rencontres/nouvelle')
      .type('form')
      .send({
        ...body,
        lieuCodePostal: '35000',
        atelierCapacite: ['10', ''],
        ouverture: '2023-01-02',
        cloture: '2023-03-10',
      });
    expect(good.status).toBe(303);
    const m = (await MeetingModel.findOne({ slug: 'bretagne-2023' }).lean())!;
    expect(m.published).toBe(false);
    expect(m.seats).toMatchObject({
      capacity: null,
      taken: 0,
      workshops: { A: { capacity: 10, taken: 0 }, B: { capacity: null, taken: 0 } },
    });
    expect(m.registration).toEqual({
      opensAt: new Date('2023-01-01T23:00:00Z'),
      closesAt: new Date('2023-03-10T22:59:59Z'),
    });
    const edit = await moderator.agent.get('/moderation/rencontres/bretagne-2023/modifier');
    expect(edit.text).toContain('value="2023-01-02"');
    expect(edit.text).toContain('value="2023-03-10"');
    expect((await request(app).get('/rencontres/bretagne-2023')).status).toBe(404);
  });

  it('when a regional coordinator creates a meeting in another région, then it is refused with a message', async () => {
    const coordinator = await loginAs(app, { role: 'moderator', regions: ['24'] });
    const page = await coordinator.agent.get('/moderation/rencontres/nouvelle');
    const res = await coordinator.agent
      .post('/moderation/rencontres/nouvelle')
      .type('form')
      .send({
        _csrf: csrfFrom(page.text),
        slug: 'occitanie-2023',
        titre: 'Rencontre régionale d’Occitanie',
        region: '76',
        date: '2023-05-02',
        lieuNom: 'Salle',
        lieuAdresse: '1 place du Capitole',
        lieuCodePostal: '31000',
        lieuVille: 'Toulouse',
        publie: 'non',
        anonymiserApres: '6',
        creneauDebut: '09:00',
        creneauFin: '10:00',
        creneauTitre: 'Accueil',
        creneauType: 'accueil',
      });
    expect(res.status).toBe(422);
    expect(res.text).toContain('Choisissez une de vos régions');
    expect(await MeetingModel.exists({ slug: 'occitanie-2023' })).toBeNull();
  });

  it('when a workshop that has registrations is removed in the editor, then it is refused and nothing changes', async () => {
    const slug = await createMeeting();
    await register(deps, slug, person({ workshop: 'C' }));
    const page = await moderator.agent.get(`/moderation/rencontres/${slug}/modifier`);
    expect(page.status).toBe(200);
    const res = await moderator.agent
      .post(`/moderation/rencontres/${slug}/modifier`)
      .type('form')
      .send(
        twoWorkshopForm({
          _csrf: csrfFrom(page.text),
          titre: 'Rencontre modifiée',
          region: '24',
          date: '2030-01-10',
          lieuAdresse: '1 rue',
          lieuCodePostal: '45000',
          lieuVille: 'Orléans',
          publie: 'oui',
          atelierTitre: ['Atelier A', 'Atelier B'],
          atelierCapacite: ['2', '2'],
        }),
      );
    expect(res.status).toBe(422);
    expect(res.text).toContain('L’atelier C a 1 inscription(s)');
    expect((await MeetingModel.findOne({ slug }).lean())!.title).not.toBe('Rencontre modifiée');
  });

  it('when people are registered, then the overview, list, filters and lunch count equal a count made from the registrations', async () => {
    const slug = await createMeeting({ workshops: { A: 2, B: 3 } });
    for (const p of [
      person({ workshop: 'A', lunch: true }),
      person({ workshop: 'A', lunch: false }),
      person({ workshop: 'A', lunch: true }),
      person({ workshop: 'B', lunch: true, structureType: 'bailleur-social' }),
      person({ workshop: 'B', lunch: false }),
      person({ workshop: 'B', lunch: true }),
      person({ workshop: 'B', lunch: true }),
    ]) {
      await register(deps, slug, p);
    }
    const all = await RegistrationModel.find({ meeting: slug }).lean();
    const confirmed = all.filter((r) => r.status === 'confirmee');
    const overview = await moderator.agent.get(`/moderation/rencontres/${slug}`);
    expect(overview.text).toContain(`id="total-confirmes">${confirmed.length}<`);
    expect(overview.text).toContain(`id="repas">${confirmed.filter((r) => r.lunch).length}<`);
    const perWorkshop = countBy(confirmed, (r) => r.workshop);
    expect(overview.text).toContain(`data-atelier="A">${perWorkshop.A}<`);
    expect(overview.text).toContain(`data-atelier="B">${perWorkshop.B}<`);

    const list = await moderator.agent.get(
      `/moderation/rencontres/${slug}/inscrits?statut=attente`,
    );
    expect(list.text).toContain(
      `id="nombre-inscrits">${all.filter((r) => r.status === 'attente').length}<`,
    );
    // One waiting person in A and one in B: each is first of their workshop's waitlist.
    expect(list.text.match(/\(n° 1\)/g)).toHaveLength(2);
    const byType = await moderator.agent.get(
      `/moderation/rencontres/${slug}/inscrits?type=bailleur-social&atelier=Z&$where=1`,
    );
    expect(byType.text).toContain('id="nombre-inscrits">1<');
  });

  it('when the list is exported, then CSV cells that could run as formulas are neutralised and the XLSX holds the same rows', async () => {
    const slug = await createMeeting();
    await register(
      deps,
      slug,
      person({ lastName: '=HYPERLINK("http://x")', structure: '+33 Structure' }),
    );
    const csv = await moderator.agent.get(`/moderation/rencontres/${slug}/inscrits.csv`);
    expect(csv.status).toBe(200);
    expect(csv.headers['content-type']).toMatch(/^text\/csv/);
    expect(csv.text.startsWith('\ufeffStatut;')).toBe(true);
    expect(csv.text).toContain(`"'=HYPERLINK(""http://x"")"`);
    expect(csv.text).toContain("'+33 Structure");
    const xlsx = await moderator.agent
      .get(`/moderation/rencontres/${slug}/inscrits.xlsx`)
      .buffer(true)
      .parse((res, cb) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => cb(null, Buffer.concat(chunks)));
      });
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(Uint8Array.from(xlsx.body as Buffer).buffer);
    const sheet = book.worksheets[0];
    expect(sheet.rowCount).toBe(2);
    // A string cell is never evaluated: shown as typed, without the CSV's apostrophe.
    expect(sheet.getRow(2).getCell(3).value).toBe(`=HYPERLINK("http://x")`);
    expect(sheet.getRow(2).getCell(3).type).toBe(ExcelJS.ValueType.String);
    expect(await AuditEventModel.countDocuments({ action: 'registrations.exported' })).toBe(2);
  });

  it('when a moderator adds, moves and cancels people, then places follow, the waitlist moves up and the log keeps each action', async () => {
    const slug = await createMeeting({ workshops: { A: 1, B: 1 } });
    const page = await moderator.agent.get(`/moderation/rencontres/${slug}/inscrits/ajouter`);
    const token = csrfFrom(page.text);
    const add = (fields: Record<string, string>) =>
      moderator.agent
        .post(`/moderation/rencontres/${slug}/inscrits/ajouter`)
        .type('form')
        .send({
          _csrf: token,
          nom: 'Durand',
          prenom: 'Alex',
          structure: 'PLIE',
          typeStructure: 'plie',
          fonction: 'Chargé',
          departement: '45',
          dejeuner: 'non',
          ...fields,
        });
    expect((await add({ email: 'a@exemple.fr', atelier: 'A' })).status).toBe(303);
    expect((await add({ email: 'b@exemple.fr', atelier: 'A' })).status).toBe(303);
    expect((await add({ email: 'a@exemple.fr', atelier: 'B' })).status).toBe(422);
    const a = (await RegistrationModel.findOne({ email: 'a@exemple.fr' }).lean())!;
    const moved = await moderator.agent
      .post(`/moderation/rencontres/${slug}/inscrits/${String(a._id)}/atelier`)
      .type('form')
      .send({ _csrf: token, atelier: 'B' });
    expect(moved.status).toBe(303);
    const states = async () =>
      Object.fromEntries(
        (await RegistrationModel.find({ meeting: slug }).lean()).map((r) => [
          r.email,
          `${r.status}:${r.workshop}`,
        ]),
      );
    expect(await states()).toEqual({
      'a@exemple.fr': 'confirmee:B',
      'b@exemple.fr': 'confirmee:A',
    });
    // « Annuler » opens a confirmation first: who, what it does; nothing changes yet.
    const cancelPath = `/moderation/rencontres/${slug}/inscrits/${String(a._id)}/annulation`;
    const list = await moderator.agent.get(`/moderation/rencontres/${slug}/inscrits`);
    expect(list.text).toContain(`href="${cancelPath}"`);
    const confirm = await moderator.agent.get(cancelPath);
    expect(confirm.status).toBe(200);
    expect(confirm.text).toContain('a@exemple.fr');
    expect(confirm.text).toContain('Confirmer l’annulation');
    expect((await states())['a@exemple.fr']).toBe('confirmee:B');
    await moderator.agent
      .post(cancelPath)
      .type('form')
      .send({ _csrf: csrfFrom(confirm.text) });
    expect((await states())['a@exemple.fr']).toBe('annulee:B');
    // Once cancelled, the confirmation page leads back to the list.
    expect((await moderator.agent.get(cancelPath)).status).toBe(303);
    // The person is told, without a link (the team never has it).
    const told = mailer.sent.filter((m) => m.to === 'a@exemple.fr').at(-1)!;
    expect(told.subject).toMatch(/^Inscription annulée par l’équipe – /);
    expect(told.text).not.toMatch(/https?:\/\//);
    const actions = await AuditEventModel.find({ action: /^registration\./ }).distinct('action');
    expect(actions.sort()).toEqual([
      'registration.added',
      'registration.cancelled',
      'registration.moved',
    ]);
    const m = (await MeetingModel.findOne({ slug }).lean())!.seats as unknown as { taken: number };
    expect(m.taken).toBe(1);
  });

  it('when people are checked in, then the attendance rate and the sign-in sheets (page and PDF) follow', async () => {
    const slug = await createMeeting({ workshops: { A: 5 } });
    for (let i = 0; i < 4; i += 1) await register(deps, slug, person({ workshop: 'A' }));
    const regs = await RegistrationModel.find({ meeting: slug }).lean();
    const page = await moderator.agent.get(`/moderation/rencontres/${slug}/accueil`);
    const token = csrfFrom(page.text);
    const checkIn = (id: unknown) =>
      moderator.agent
        .post(`/moderation/rencontres/${slug}/inscrits/${String(id)}/presence`)
        .type('form')
        .send({ _csrf: token });
    expect((await checkIn(regs[0]._id)).status).toBe(303);
    await checkIn(regs[0]._id);
    await checkIn(regs[1]._id);
    expect(await RegistrationModel.countDocuments({ meeting: slug, present: true })).toBe(2);
    const after = await moderator.agent.get(`/moderation/rencontres/${slug}/accueil`);
    expect(after.text).toContain('id="presents">2<');
    const search = regs[2].lastName.toLowerCase();
    const found = await moderator.agent.get(
      `/moderation/rencontres/${slug}/accueil?nom=${encodeURIComponent(search)}`,
    );
    expect(found.text).toContain(regs[2].lastName);
    expect(found.text).not.toContain(`>${regs[3].lastName}<`);
    expect(
      await AuditEventModel.countDocuments({
        action: 'registration.checked-in',
        'details.meeting': slug,
      }),
    ).toBe(2);
    const overview = await moderator.agent.get(`/moderation/rencontres/${slug}`);
    expect(overview.text).toContain('50 %');
    const sheet = await moderator.agent.get(`/moderation/rencontres/${slug}/emargement/A`);
    for (const r of regs) expect(sheet.text).toContain(r.lastName.toUpperCase());
    const pdf = await moderator.agent
      .get(`/moderation/rencontres/${slug}/emargement/A.pdf`)
      .buffer(true)
      .parse((res, cb) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => cb(null, Buffer.concat(chunks)));
      });
    expect(pdf.headers['content-type']).toBe('application/pdf');
    expect((pdf.body as Buffer).subarray(0, 5).toString()).toBe('%PDF-');
    expect((await moderator.agent.get(`/moderation/rencontres/${slug}/emargement/Z`)).status).toBe(
      404,
    );
  });

  it('when documents are uploaded, then a real PDF is kept and listed publicly after the meeting, and a file that is not what it claims is refused', async () => {
    const page = await moderator.agent.get(`/moderation/rencontres/${cvl}/documents`);
    const action = /action="([^"]+documents\?_csrf=[^"]+)"/
      .exec(page.text)![1]
      .replace(/&amp;/g, '&');
    const ok = await moderator.agent
      .post(action)
      .field('titre', 'Synthèse de la rencontre')
      .attach('documents', samplePdf, 'synthese.pdf');
    expect(ok.status).toBe(303);
    const refused = await moderator.agent
      .post(action)
      .field('titre', 'Faux')
      .attach('documents', sampleHtml, 'faux.pdf');
    expect(refused.status).toBe(422);
    expect(refused.text).toContain('n’est pas accepté');
    const m = (await MeetingModel.findOne({ slug: cvl }).lean())!;
    expect(m.documents.map((d) => d.title)).toEqual(['Synthèse de la rencontre']);
    const publicPage = await request(app).get(`/rencontres/${cvl}`);
    expect(publicPage.text).toContain('Synthèse de la rencontre');
    const file = await request(app).get(
      `/rencontres/${cvl}/documents/${String(m.documents[0].fileId)}`,
    );
    expect(file.status).toBe(200);
    expect(file.headers['content-type']).toBe('application/pdf');

    // Removed: gone from the meeting and from GridFS, its link answers 404.
    const listed = await moderator.agent.get(`/moderation/rencontres/${cvl}/documents`);
    const removed = await moderator.agent
      .post(`/moderation/rencontres/${cvl}/documents/${String(m.documents[0].fileId)}/suppression`)
      .type('form')
      .send({ _csrf: csrfFrom(listed.text) });
    expect(removed.status).toBe(303);
    expect((await MeetingModel.findOne({ slug: cvl }).lean())!.documents).toEqual([]);
    const gone = await request(app).get(
      `/rencontres/${cvl}/documents/${String(m.documents[0].fileId)}`,
    );
    expect(gone.status).toBe(404);
  });

  it('when the anonymisation runs, then only meetings past their delay lose personal data, once', async () => {
    const old = await createMeeting({ date: new Date('2022-01-10T00:00:00Z') });
    const recent = await createMeeting();
    const [oldOne] = await RegistrationModel.create([
      { ...person(), meeting: old, status: 'confirmee', tokenHash: 'h1', phone: '0600000000' },
      { ...person(), meeting: recent, status: 'confirmee', tokenHash: 'h2' },
    ]);
    await saveNeed(oldOne._id, old, 'rampe');
    await MeetingModel.updateOne({ slug: old }, { $set: { anonymiseAfterMonths: 3 } });
    await meetingsChanged();
    const done = await anonymiseDueRegistrations(new Date('2022-04-11T00:00:00Z'));
    expect(done).toEqual({ [old]: 1 });
    const gone = (await RegistrationModel.findOne({ meeting: old }).lean())!;
    expect(gone).toMatchObject({
      lastName: 'Anonyme',
      workshop: 'A',
      status: 'confirmee',
      lunch: true,
    });
    expect(gone.email).not.toContain('exemple.fr');
    expect(gone.phone).toBeUndefined();
    expect(await AccessibilityNeedModel.countDocuments()).toBe(0);
    expect((await RegistrationModel.findOne({ meeting: recent }).lean())!.lastName).not.toBe(
      'Anonyme',
    );
    expect(await anonymiseDueRegistrations(new Date('2022-04-12T00:00:00Z'))).toEqual({});
  });
});
