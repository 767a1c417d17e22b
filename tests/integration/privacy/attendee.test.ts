import { runMigrations } from '../../../src/lib/migrations';
import { meetingsMigrations } from '../../../src/meetings';
import { AccessibilityNeedModel } from '../../../src/meetings/registrations/accessibility-needs';
import request from 'supertest';
import { MeetingModel } from '../../../src/meetings/meeting.model';
import { RegistrationModel } from '../../../src/meetings/registrations/registration.model';
import { buildTestApp, captureMailer } from '../../helpers/app';
import { clearDatabase, useTestDatabase } from '../../helpers/db';
import { createMeeting, registrationForm, submitRegistration } from '../../helpers/meetings';
import { whereStored } from '../../helpers/privacy';
import { csrfFrom } from '../../helpers/respondent';

useTestDatabase();
const mailer = captureMailer();
const { app } = buildTestApp({}, { mailer });

beforeEach(async () => {
  await clearDatabase();
  mailer.sent.length = 0;
});

const register = (slug: string, fields: Record<string, string>) =>
  submitRegistration(app, slug, fields);

/** Presses a button of the personal page (a fresh form token from the page itself). */
async function press(link: string, action: string) {
  const agent = request.agent(app);
  const page = await agent.get(link);
  return agent
    .post(`${link}/${action}`)
    .type('form')
    .send({ _csrf: csrfFrom(page.text) });
}

async function seatsTaken(slug: string) {
  const meeting = (await MeetingModel.findOne({ slug }).lean())!;
  const stored = (meeting.seats as unknown as { taken: number }).taken;
  const counted = await RegistrationModel.countDocuments({ meeting: slug, status: 'confirmee' });
  return { stored, counted };
}

describe('an attendee’s data', () => {
  it('when accessibility needs are typed without the consent, then 422 with the message and what was typed, nothing stored', async () => {
    const slug = await createMeeting();
    const res = await register(slug, registrationForm({ accessibilite: 'Accès en fauteuil' }));
    expect(res.status).toBe(422);
    expect(res.text).toContain(
      'Cochez la case pour que les organisateurs tiennent compte de vos besoins',
    );
    expect(res.text).toContain('Accès en fauteuil</textarea>');
    expect(await RegistrationModel.countDocuments()).toBe(0);

    const consented = await register(
      slug,
      registrationForm({ accessibilite: 'Accès en fauteuil', consentementAccessibilite: 'oui' }),
    );
    expect(consented.status).toBe(303);
    // Kept apart from the registration, under its id.
    const stored = (await RegistrationModel.findOne({}).lean())!;
    expect(stored).not.toHaveProperty('accessibility');
    const need = (await AccessibilityNeedModel.findOne({ _id: stored._id }).lean())!;
    expect(need.text).toBe('Accès en fauteuil');
  });

  it('when a cancelled registration is erased through its link, then the person is gone, the link says so and the counts stay exact', async () => {
    const slug = await createMeeting();
    const fields = registrationForm({
      email: 'sacha.leroy@exemple.fr',
      nom: 'Leroy',
      prenom: 'Sacha',
      telephone: '07 11 22 33 44',
      accessibilite: 'Boucle magnétique',
      consentementAccessibilite: 'oui',
    });
    const registered = await register(slug, fields);
    const link = registered.headers.location.split('?')[0];
    expect(await seatsTaken(slug)).toEqual({ stored: 1, counted: 1 });

    const early = await press(link, 'effacement');
    expect(early.status).toBe(409);
    expect(early.text).toContain('Annulez d’abord votre inscription');

    expect((await press(link, 'annulation')).status).toBe(303);
    expect(await seatsTaken(slug)).toEqual({ stored: 0, counted: 0 });
    const erased = await press(link, 'effacement');
    expect(erased.status).toBe(303);
    expect(erased.headers.location).toBe(`${link}?fait=erased`);
    expect((await request(app).get(erased.headers.location)).text).toContain(
      'Vos données ont été effacées',
    );
    expect((await request(app).get(link)).text).toContain('Vos données ont été effacées');

    expect(
      await whereStored(['sacha.leroy@exemple.fr', 'Leroy', '07 11 22 33 44', 'Boucle magnétique']),
    ).toEqual([]);
    // Erasing again (a second tab) changes nothing: the place was given back once, at the cancellation.
    const agent = request.agent(app);
    const form = await agent.get(`/rencontres/${slug}/inscription`);
    const again = await agent
      .post(`${link}/effacement`)
      .type('form')
      .send({ _csrf: csrfFrom(form.text) });
    expect(again.status).toBe(303);
    expect(await seatsTaken(slug)).toEqual({ stored: 0, counted: 0 });
    expect(await RegistrationModel.countDocuments({ meeting: slug })).toBe(1);
    // The address is free again: the same person can register anew.
    expect((await register(slug, fields)).status).toBe(303);
    expect(await seatsTaken(slug)).toEqual({ stored: 1, counted: 1 });
  });
});

describe('accessibility needs stored before they were kept apart', () => {
  it('when the migration runs, then each need moves apart under its registration’s id and leaves the registration', async () => {
    const slug = await createMeeting();
    const raw = await RegistrationModel.collection.insertOne({
      ...registrationForm(),
      meeting: slug,
      email: 'avant@exemple.fr',
      lastName: 'Avant',
      firstName: 'Léa',
      structure: 'Mairie',
      structureType: 'collectivite',
      jobTitle: 'Chargée de mission',
      department: '45',
      workshop: 'A',
      lunch: false,
      status: 'confirmee',
      tokenHash: 'avant',
      accessibility: 'Interprète LSF',
    });
    expect(await runMigrations(meetingsMigrations)).toEqual([
      ['2026-12-10-accessibility-needs-apart', 1],
    ]);
    const stored = (await RegistrationModel.collection.findOne({ _id: raw.insertedId }))!;
    expect(stored.accessibility).toBeUndefined();
    const need = (await AccessibilityNeedModel.findOne({ _id: raw.insertedId }).lean())!;
    expect(need).toMatchObject({ meeting: slug, text: 'Interprète LSF' });
  });
});
