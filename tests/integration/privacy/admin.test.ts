import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import request from 'supertest';
import { outboxDir } from '../../../src/lib/mail';
import { AuditEventModel } from '../../../src/audit/audit.model';
import { ImportBatchModel } from '../../../src/import/import-batch.model';
import { MeetingModel } from '../../../src/meetings/meeting.model';
import { RegistrationModel } from '../../../src/meetings/registrations/registration.model';
import { ResponseModel } from '../../../src/questionnaire/response.model';
import { SheetModel } from '../../../src/sheets/sheet.model';
import { buildTestApp } from '../../helpers/app';
import { loginAs, submitLogin, type SignedIn } from '../../helpers/auth';
import { clearDatabase, useTestDatabase } from '../../helpers/db';
import { createMeeting, registrationForm } from '../../helpers/meetings';
import { practiceSheet } from '../../helpers/practices';
import { whereStored } from '../../helpers/privacy';
import { csrfFrom } from '../../helpers/respondent';
import { insertResponse } from '../../helpers/responses';
import { createUser } from '../../helpers/auth';

useTestDatabase();
// The development outbox: e-mails written as files, which hold addresses too.
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'bp-privacy-'));
const { app, config } = buildTestApp({ DATA_DIR: dataDir });
afterAll(() => fs.rmSync(dataDir, { recursive: true, force: true }));

/** The outbox files that mention any of `needles`. */
function outboxMentions(needles: string[]): string[] {
  const dir = outboxDir(config);
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir)
    .filter((f) => needles.some((n) => fs.readFileSync(path.join(dir, f), 'utf8').includes(n)));
}
const page = '/moderation/donnees-personnelles';

const email = 'dominique.durand@exemple.fr';
const name = 'Dominique Durand';
const phone = '06 98 76 54 32';

/** The person in every place the platform can hold them. */
async function personEverywhere(): Promise<{ slug: string }> {
  const { reference } = await insertResponse({
    answers: { nomRepondant: name, emailRepondant: email, telephoneRepondant: phone },
  });
  // A sheet made from that response shows the name only: found through the response.
  await SheetModel.create({
    ...practiceSheet('nom-seulement', {
      origin: { kind: 'reponse', reference },
      contact: { name },
    }),
    status: 'publiee' as const,
  });
  await ResponseModel.create({ tokenHash: 'brouillon', definitionVersion: 2, contactEmail: email });
  await SheetModel.create({
    ...practiceSheet('avec-contact', { contact: { name, email, phone } }),
    status: 'publiee' as const,
  });
  await ImportBatchModel.create({
    kind: 'fiches',
    source: 'fiches.csv',
    total: 1,
    rows: [{ contact: { email, name } }],
    createdBy: 'admin@exemple.fr',
  });
  const slug = await createMeeting();
  const agent = request.agent(app);
  const form = await agent.get(`/rencontres/${slug}/inscription`);
  const registered = await agent
    .post(`/rencontres/${slug}/inscription`)
    .type('form')
    .send({
      _csrf: csrfFrom(form.text),
      ...registrationForm({ email, nom: 'Durand', prenom: 'Dominique', telephone: phone }),
    });
  expect(registered.status).toBe(303);
  // A moderator's account with that address, which signed in (the journal keeps it).
  const user = await createUser({ email, name, role: 'moderator' });
  expect((await submitLogin(request.agent(app), user.email, user.password)).status).toBe(303);
  return { slug };
}

async function send(admin: SignedIn, path: string, fields: Record<string, string>) {
  return admin.agent
    .post(path)
    .type('form')
    .send({ _csrf: await admin.csrf(page), ...fields });
}

beforeEach(async () => {
  await clearDatabase();
});

describe('admin « Données personnelles »', () => {
  it('when a moderator opens it, then 403; when signed out, then the login page', async () => {
    const moderator = await loginAs(app, { role: 'moderator' });
    expect((await moderator.agent.get(page)).status).toBe(403);
    const anonymous = await request(app).get(page);
    expect(anonymous.status).toBe(302);
    expect(anonymous.headers.location).toMatch(/^\/connexion/);
  });

  it('when the e-mail is not one, then 422 with the message and what was typed', async () => {
    const admin = await loginAs(app, { role: 'admin' });
    const res = await send(admin, page, { email: 'dominique<at>exemple' });
    expect(res.status).toBe(422);
    expect(res.text).toContain('Saisissez une adresse e-mail valide');
    expect(res.text).toContain('value="dominique&lt;at&gt;exemple"');
  });

  it('when an e-mail is searched, exported then erased, then every place is listed and exported, and afterwards no collection holds the person; counts stay exact', async () => {
    const { slug } = await personEverywhere();
    const admin = await loginAs(app, { role: 'admin' });

    const found = await send(admin, page, { email: email.toUpperCase() });
    expect(found.status).toBe(200);
    for (const label of [
      'Réponse BP-',
      'Brouillon de réponse',
      'Fiche « Fiche avec-contact »',
      'Fiche « Fiche nom-seulement »',
      `Inscription à la rencontre « ${slug} »`,
      'Fichier importé « fiches.csv »',
      'Compte de l’espace de modération',
      'Journal : login.success',
    ]) {
      expect(found.text).toContain(label);
    }

    const exported = await send(admin, `${page}/export`, { email });
    expect(exported.status).toBe(200);
    expect(exported.headers['content-disposition']).toContain('donnees-personnelles.json');
    const json = JSON.parse(exported.text) as { elements: Array<{ element: string }> };
    expect(json.elements.length).toBeGreaterThanOrEqual(7);
    expect(exported.text).toContain(phone);

    const unconfirmed = await send(admin, `${page}/effacement`, { email });
    expect(unconfirmed.status).toBe(422);
    expect(unconfirmed.text).toContain('Cochez la case de confirmation');
    expect((await whereStored([email])).length).toBeGreaterThan(0);
    // The registration's confirmation went to the outbox.
    expect(outboxMentions([email]).length).toBeGreaterThan(0);

    const erased = await send(admin, `${page}/effacement`, { email, confirmation: 'oui' });
    expect(erased.status).toBe(200);
    expect(erased.text).toContain('Données effacées');
    expect(erased.text).toContain('Brouillon de réponse : 1 supprimé');
    expect(erased.text).toContain(
      'Inscription à une rencontre (le nombre d’inscrits reste exact) : 1 anonymisé',
    );

    expect(await whereStored([email, name, phone, 'Durand'])).toEqual([]);
    expect(outboxMentions([email, name])).toEqual([]);
    // The registration still holds its place: the counter and a count made another way agree.
    const meeting = (await MeetingModel.findOne({ slug }).lean())!;
    const confirmed = await RegistrationModel.countDocuments({
      meeting: slug,
      status: 'confirmee',
    });
    expect(confirmed).toBe(1);
    expect((meeting.seats as unknown as { taken: number }).taken).toBe(confirmed);
    // The journal says that an admin erased, not whom.
    const events = await AuditEventModel.find({ action: 'personal-data.erased' }).lean();
    expect(events).toHaveLength(1);
    expect(events[0].actor?.email).toBe(admin.user.email);
    expect(JSON.stringify(events[0])).not.toContain('durand');
    // The erased account cannot sign in any more.
    expect(
      (await submitLogin(request.agent(app), email, 'mot-de-passe-de-test-123')).status,
    ).not.toBe(303);
  });

  it('when an admin tries to erase their own address, then it is refused', async () => {
    const admin = await loginAs(app, { role: 'admin' });
    const res = await send(admin, `${page}/effacement`, {
      email: admin.user.email,
      confirmation: 'oui',
    });
    expect(res.status).toBe(422);
    expect(res.text).toContain('Vous ne pouvez pas effacer votre propre compte');
  });

  it('when the record of processing activities is downloaded, then it lists each processing with its retention', async () => {
    const admin = await loginAs(app, { role: 'admin' });
    const res = await admin.agent.get(`${page}/registre.csv`);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toContain('text/csv');
    expect(res.text).toContain('Questionnaire des bonnes pratiques');
    expect(res.text).toContain('Inscriptions aux rencontres régionales');
    expect(res.text).toContain('supprimés 12 mois après leur dernier enregistrement');
  });
});
