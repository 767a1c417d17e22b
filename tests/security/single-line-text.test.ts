import request from 'supertest';
import { AuditEventModel } from '../../src/audit/audit.model';
import { MeetingModel } from '../../src/meetings/meeting.model';
import { SheetModel } from '../../src/sheets/sheet.model';
import { RegistrationModel } from '../../src/meetings/registrations/registration.model';
import { ResponseModel } from '../../src/questionnaire/response.model';
import { UserModel } from '../../src/accounts/user.model';
import { buildTestApp, captureMailer } from '../helpers/app';
import { loginAs } from '../helpers/auth';
import { clearDatabase, useTestDatabase } from '../helpers/db';
import { createMeeting, registrationForm } from '../helpers/meetings';
import { practiceSheet } from '../helpers/practices';
import { csrfFrom, Respondent, validAnswers } from '../helpers/respondent';
import { formOf } from '../../src/meetings/admin/meeting.form-values';

// A line break typed (or forged) into a one-line field must not become a new line anywhere it
// goes: an e-mail header, a CSV row, a log or journal line. One rule for all of them: control
// characters become spaces; text of several lines keeps its line breaks, always as `\n`.

useTestDatabase();
afterEach(clearDatabase);
const { app } = buildTestApp({}, { mailer: captureMailer() });

const forged = 'Martin\r\nBcc: pirate@exemple.fr\u0000';
const oneLine = 'Martin Bcc: pirate@exemple.fr';
const controls = /[\r\n\u0000]/; // eslint-disable-line no-control-regex

describe('one-line fields', () => {
  it('when a registration’s name carries CR/LF, then it is stored on one line and the attendees’ export and journal stay one row each', async () => {
    const slug = await createMeeting();
    const form = await request(app).get(`/rencontres/${slug}/inscription`);
    const cookie = String(form.headers['set-cookie']).split(';')[0];
    const res = await request(app)
      .post(`/rencontres/${slug}/inscription`)
      .set('Cookie', cookie)
      .type('form')
      .send({
        ...registrationForm({ nom: forged, structure: `Structure\n\tà la ligne` }),
        _csrf: csrfFrom(form.text),
      });
    expect(res.status).toBe(303);
    const stored = await RegistrationModel.findOne().lean();
    expect([stored!.lastName, stored!.structure]).toEqual([oneLine, 'Structure à la ligne']);

    const admin = await loginAs(app, { role: 'admin' });
    const added = await admin.agent
      .post(`/moderation/rencontres/${slug}/inscrits/ajouter`)
      .type('form')
      .send({
        ...registrationForm({ nom: forged }),
        _csrf: await admin.csrf(`/moderation/rencontres/${slug}/inscrits/ajouter`),
      });
    expect(added.status).toBe(303);
    const journal = await AuditEventModel.findOne({ action: 'registration.added' }).lean();
    expect(journal!.target!.label).not.toMatch(controls);
    const csv = await admin.agent.get(`/moderation/rencontres/${slug}/inscrits.csv`).buffer(true);
    const rows = (csv.text ?? String(csv.body)).split('\r\n').filter(Boolean);
    expect(rows).toHaveLength(3);
    expect(rows.filter((r) => r.includes(oneLine))).toHaveLength(2);
  });

  it('when a meeting title, a sheet title or a user name carry control characters, then they are stored on one line; long texts keep their lines as \\n', async () => {
    const admin = await loginAs(app, { role: 'admin' });
    const slug = await createMeeting();
    const edit = await admin.agent.get(`/moderation/rencontres/${slug}/modifier`);
    const fields = formOf((await MeetingModel.findOne({ slug }).lean())!);
    const saved = await admin.agent
      .post(`/moderation/rencontres/${slug}/modifier`)
      .type('form')
      .send({
        ...fields,
        titre: `Rencontre\r\nX-Injection: 1`,
        introduction: 'Première ligne\r\nDeuxième ligne',
        _csrf: csrfFrom(edit.text),
      });
    expect(saved.status).toBeLessThan(400);
    const meeting = await MeetingModel.findOne({ slug }).lean();
    expect([meeting!.title, meeting!.summary]).toEqual([
      'Rencontre X-Injection: 1',
      'Première ligne\nDeuxième ligne',
    ]);

    const [sheet] = await SheetModel.insertMany([
      practiceSheet('une-fiche', { status: 'brouillon', themes: ['atelier-a-diversifier'] }),
    ]);
    const page = await admin.agent.get(`/moderation/fiches/${sheet._id}`);
    const sheetSaved = await admin.agent
      .post(`/moderation/fiches/${sheet._id}`)
      .type('form')
      .send({
        _csrf: csrfFrom(page.text),
        revision: '0',
        title: 'Titre\r\nsur deux lignes',
        summary: 'Ligne 1\r\nLigne 2\rLigne 3',
        structureName: 'Structure',
        actorType: 'plie',
        region: '24',
        department: '45',
        themes: 'atelier-a-diversifier',
      });
    expect(sheetSaved.status).toBe(303);
    const updated = await SheetModel.findById(sheet._id).lean();
    expect([updated!.title, updated!.summary]).toEqual([
      'Titre sur deux lignes',
      'Ligne 1\nLigne 2\nLigne 3',
    ]);

    const invited = await admin.agent
      .post('/moderation/utilisateurs/inviter')
      .type('form')
      .send({
        _csrf: await admin.csrf('/moderation/utilisateurs/inviter'),
        email: 'x@exemple.fr',
        name: forged,
        role: 'moderator',
      });
    expect(invited.status).toBe(303);
    expect((await UserModel.findOne({ email: 'x@exemple.fr' }).lean())!.name).toBe(oneLine);
  });

  it('when the questionnaire gets CR/LF in a one-line answer and in a long one, then the first is one line and the second keeps \\n', async () => {
    const respondent = new Respondent(app);
    await respondent.start();
    await respondent.save('repondant', { ...validAnswers.repondant, nomRepondant: forged });
    await respondent.save('pratique', {
      ...validAnswers.pratique,
      contextePratique: 'Ligne 1\r\nLigne 2',
    });
    const stored = await ResponseModel.findOne().lean();
    const answers = stored!.answers as Record<string, unknown>;
    expect(answers.nomRepondant).toBe(oneLine);
    expect(answers.contextePratique).toBe('Ligne 1\nLigne 2');
  });

  it('when a name is left empty, then the message asks for it without talking of a length', async () => {
    const slug = await createMeeting();
    const form = await request(app).get(`/rencontres/${slug}/inscription`);
    const cookie = String(form.headers['set-cookie']).split(';')[0];
    const res = await request(app)
      .post(`/rencontres/${slug}/inscription`)
      .set('Cookie', cookie)
      .type('form')
      .send({ ...registrationForm({ nom: '  ' }), _csrf: csrfFrom(form.text) });
    expect(res.status).toBe(422);
    expect(res.text).toContain('Saisissez votre nom<');
    expect(res.text).not.toContain('Saisissez votre nom (');
  });
});
