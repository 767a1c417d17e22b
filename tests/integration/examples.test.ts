import mongoose from 'mongoose';
import request from 'supertest';
import { AuditEventModel } from '../../src/audit/audit.model';
import { MeetingModel } from '../../src/meetings/meeting.model';
import { RegistrationModel } from '../../src/meetings/registrations/registration.model';
import { ResponseModel } from '../../src/questionnaire/response.model';
import { seedDatabase } from '../../src/seeding/seed.service';
import { SheetModel } from '../../src/sheets/sheet.model';
import { SheetVersionModel } from '../../src/sheets/sheet-version.model';
import { buildTestApp } from '../helpers/app';
import { loginAs } from '../helpers/auth';
import { runCli } from '../helpers/cli';
import { useTestDatabase } from '../helpers/db';
import { createMeeting, registrationForm, submitRegistration } from '../helpers/meetings';
import { practiceSheet } from '../helpers/practices';
import { csrfFrom } from '../helpers/respondent';
import { insertSentResponse } from '../helpers/sheets';

const { name: dbName } = useTestDatabase();
const { app } = buildTestApp();
const admin = { email: 'admin@exemple.fr', password: 'mot-de-passe-des-exemples' };

/** What is fictitious, counted straight from the collections. */
async function fictitious() {
  const responses = await ResponseModel.find({ fictitious: true }, '_id').lean();
  const fromThem = responses.map((r) => r._id);
  const meetings = await MeetingModel.find({ example: true }, 'slug').lean();
  return {
    sheets: await SheetModel.countDocuments({
      $or: [{ fictitious: true }, { 'origin.responseId': { $in: fromThem } }],
    }),
    responses: responses.length,
    meetings: meetings.length,
    registrations: await RegistrationModel.countDocuments({
      meeting: { $in: meetings.map((m) => m.slug) },
    }),
  };
}

let real: { response: string; sheet: string; meeting: string; example: string };

beforeAll(async () => {
  await seedDatabase(admin);
  const example = (await MeetingModel.findOne({ example: true }).lean())!.slug;
  const response = await insertSentResponse();
  const [sheet] = await SheetModel.insertMany([
    practiceSheet('une-vraie-fiche', {
      meetingSelections: [{ meeting: example, workshop: 'A', position: 0 }],
    }),
  ]);
  const meeting = await createMeeting({ slug: 'une-vraie-rencontre' });
  for (const slug of [example, example, meeting]) {
    expect((await submitRegistration(app, slug, registrationForm())).status).toBe(303);
  }
  // A moderator prepared a sheet from a fictitious response: it is fictitious content too.
  const mod = await loginAs(app);
  const demoResponse = await ResponseModel.findOne({ fictitious: true, status: 'envoyee' }).lean();
  const prepared = await mod.agent
    .post(`/moderation/reponses/${demoResponse!._id}/fiche`)
    .type('form')
    .send({ _csrf: await mod.csrf() });
  expect(prepared.status).toBe(303);
  real = { response: response.id, sheet: String(sheet._id), meeting, example };
});

describe('the demonstration’s examples', () => {
  it('when the command runs with --dry-run, then it prints what remains and removes nothing', async () => {
    const before = await fictitious();
    expect(before.sheets).toBeGreaterThan(30);
    expect(before.responses).toBeGreaterThan(5);
    const run = runCli('remove-examples', dbName, ['--dry-run']);
    expect(run.status).toBe(0);
    expect(run.stdout).toContain(
      `Simulation (rien n’est retiré) : ${before.sheets} fiches, ${before.responses} réponses, 1 rencontre (2 inscriptions)`,
    );
    expect(await fictitious()).toEqual(before);
  });

  it('when a moderator who is not an admin asks for the page, then it is refused', async () => {
    const mod = await loginAs(app, { role: 'moderator' });
    expect((await mod.agent.get('/moderation/exemples')).status).toBe(403);
  });

  it('when an admin removes them, then every fictitious object goes, what is real stays, and seeding does not bring them back', async () => {
    const before = await fictitious();
    const signedIn = await loginAs(app, { role: 'admin' });
    const page = await signedIn.agent.get('/moderation/exemples');
    expect(page.status).toBe(200);
    for (const [key, value] of Object.entries(before)) {
      expect(page.text).toContain(`data-count="${key}">${value}<`);
    }
    const unconfirmed = await signedIn.agent
      .post('/moderation/exemples')
      .type('form')
      .send({ _csrf: csrfFrom(page.text) });
    expect(unconfirmed.status).toBe(422);
    expect(unconfirmed.text).toContain('Cochez la case pour confirmer');
    expect(await fictitious()).toEqual(before);

    const done = await signedIn.agent
      .post('/moderation/exemples')
      .type('form')
      .send({ _csrf: csrfFrom(page.text), confirmation: 'oui' });
    expect(done.status).toBe(303);
    const after = await signedIn.agent.get('/moderation/exemples');
    expect(after.text).toContain(
      `Données d’exemple retirées : ${before.sheets} fiches, ${before.responses} réponses, 1 rencontre (2 inscriptions).`,
    );
    expect(after.text).toContain('Il ne reste aucune donnée d’exemple.');
    expect(await fictitious()).toEqual({ sheets: 0, responses: 0, meetings: 0, registrations: 0 });

    // What is real stays, less its selection into the example meeting.
    const sheet = await SheetModel.findById(real.sheet).lean();
    expect(sheet!.meetingSelections).toEqual([]);
    expect(await ResponseModel.countDocuments({ _id: real.response })).toBe(1);
    expect(await RegistrationModel.countDocuments({ meeting: real.meeting })).toBe(1);
    const sheetIds = (await SheetModel.find({}, '_id').lean()).map((s) => String(s._id));
    const orphans = (await SheetVersionModel.find({}, 'sheetId').lean()).filter(
      (v) => !sheetIds.includes(String(v.sheetId)),
    );
    expect(orphans).toEqual([]);
    const journal = await AuditEventModel.findOne({ action: 'examples.removed' }).lean();
    expect(journal!.details).toEqual({ ...before });
    expect(journal!.actor?.email).toBe(signedIn.user.email);

    // Readers no longer see them.
    const recueil = await request(app).get('/recueil');
    expect(recueil.text).not.toContain('Exemple fictif');
    expect((await request(app).get(`/rencontres/${real.example}`)).status).toBe(404);

    await seedDatabase(admin);
    expect(await fictitious()).toEqual({ sheets: 0, responses: 0, meetings: 0, registrations: 0 });
    expect(await mongoose.connection.db!.collection('examplesremovals').countDocuments()).toBe(1);
  });
});
