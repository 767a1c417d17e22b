import mongoose from 'mongoose';
import request from 'supertest';
import type { Express } from 'express';
import { ImportBatchModel } from '../../src/import/import-batch.model';
import { MeetingModel } from '../../src/meetings/meeting.model';
import { meetingsChanged } from '../../src/meetings/meeting.version';
import { SheetModel } from '../../src/sheets/sheet.model';
import { RecueilChapterModel } from '../../src/recueil/recueil-chapter.model';
import { RegistrationModel } from '../../src/meetings/registrations/registration.model';
import { createUser } from './auth';
import { createMeeting, registrationForm } from './meetings';
import { practiceSheet } from './practices';
import { csrfFrom, Respondent } from './respondent';
import { insertResponse } from './responses';
import { insertSentResponse, storedAnswers } from './sheets';

/**
 * One object of every kind the back office handles, in Île-de-France (11), with private text
 * (`ZZ …`) that no one outside that région may see; and a sheet and a meeting in Centre-Val de
 * Loire (24), the attacker's own. The security suite fills route parameters with them.
 */
export interface Objects {
  response: string;
  responseFile: string;
  sheet: string;
  sheetFile: string;
  meeting: string;
  meetingFile: string;
  registration: string;
  batch: string;
  otherUser: string;
  ownSheet: string;
  ownMeeting: string;
  chapter: string;
}

/** What stands for each object parameter, found by the path segment before it. */
export const objectParams: Record<string, (f: Objects) => string> = {
  'reponses/:id': (f) => f.response,
  'fichiers/:fileId': (f) => f.responseFile,
  'fiches/:id': (f) => f.sheet,
  'medias/:fileId': (f) => f.sheetFile,
  'rencontres/:slug': (f) => f.meeting,
  'documents/:fileId': (f) => f.meetingFile,
  'inscrits/:id': (f) => f.registration,
  'import/:id': (f) => f.batch,
  'utilisateurs/:id': (f) => f.otherUser,
};
/** Parameters that name no object of their own (the object is an earlier one). */
export const valueParams: Record<string, string> = {
  'emargement/:code': 'A',
  'chiffres/:jeu': 'regions',
  'exemples/:file': 'fiches.csv',
};

/** Every collection but the sessions and rate-limit counters, as stored: name → content. */
export async function snapshot(): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const c of await mongoose.connection.db!.collections()) {
    if (['sessions', 'rate_limits'].includes(c.collectionName)) continue;
    out[c.collectionName] = JSON.stringify(await c.find({}).sort({ _id: 1 }).toArray());
  }
  return out;
}

/** The collections whose content differs between two snapshots. */
export const changed = (before: Record<string, string>, after: Record<string, string>) =>
  [...new Set([...Object.keys(before), ...Object.keys(after)])].filter(
    (name) => before[name] !== after[name],
  );

export async function backOfficeObjects(app: Express): Promise<Objects> {
  const chapter = await RecueilChapterModel.create({
    code: 'chapitre',
    title: 'Chapitre',
    position: 0,
  });
  const meeting = await createMeeting({ slug: 'rencontre-francilienne' });
  await MeetingModel.updateOne(
    { slug: meeting },
    {
      $set: {
        region: '11',
        title: 'ZZ Rencontre francilienne',
        documents: [
          {
            fileId: new mongoose.Types.ObjectId(),
            title: 'Diaporama',
            filename: 'd.pdf',
            contentType: 'application/pdf',
          },
        ],
      },
    },
  );
  await meetingsChanged();
  const ownMeeting = await createMeeting({ slug: 'rencontre-orleans' });
  const [sheet] = await SheetModel.insertMany([
    practiceSheet('brouillon-francilien', {
      status: 'brouillon',
      region: '11',
      department: '75',
      title: 'ZZ Brouillon francilien',
      recueil: { chapter: chapter.code, position: 0 },
      meetingSelections: [
        { meeting, workshop: 'A', presenterName: 'ZZ Présentatrice francilienne', position: 0 },
        // Chosen by a national moderator for the attacker's own meeting.
        {
          meeting: ownMeeting,
          workshop: 'A',
          presenterName: 'ZZ Présentatrice francilienne',
          position: 0,
        },
      ],
      photos: [
        {
          fileId: new mongoose.Types.ObjectId(),
          filename: 'p.jpg',
          contentType: 'image/jpeg',
          size: 3,
          alt: 'Photo',
        },
      ],
    }),
  ]);
  const [ownSheet] = await SheetModel.insertMany([
    practiceSheet('fiche-orleans', { status: 'brouillon' }),
  ]);
  const response = await insertResponse({ commune: '75056' });
  const form = await request(app).get(`/rencontres/${meeting}/inscription`);
  const cookie = String(form.headers['set-cookie']).split(';')[0];
  const registered = await request(app)
    .post(`/rencontres/${meeting}/inscription`)
    .set('Cookie', cookie)
    .type('form')
    .send({
      ...registrationForm({ nom: 'ZZ Présentatrice francilienne' }),
      _csrf: csrfFrom(form.text),
    });
  if (registered.status !== 303) throw new Error(`registration failed: ${registered.status}`);
  const registration = await RegistrationModel.findOne({ meeting }).lean();
  const owner = await createUser({ role: 'moderator', regions: ['11'] });
  const batch = await ImportBatchModel.create({
    kind: 'fiches',
    source: 'francilien.csv',
    total: 0,
    rows: [],
    rowErrors: [],
    createdBy: owner.id,
  });
  return {
    response: response.id,
    responseFile: String(new mongoose.Types.ObjectId()),
    sheet: String(sheet._id),
    sheetFile: String(sheet.photos[0].fileId),
    meeting,
    meetingFile: String(
      (await MeetingModel.findOne({ slug: meeting }).lean())!.documents[0].fileId,
    ),
    registration: String(registration!._id),
    batch: String(batch._id),
    otherUser: owner.id,
    ownSheet: String(ownSheet._id),
    ownMeeting,
    chapter: chapter.code,
  };
}

/** The tokens of every kind of private link, each leading to a real object. */
export interface PrivateLinks {
  resume: string;
  sentResume: string;
  preparedSheet: string;
  approval: string;
  password: string;
  registration: { slug: string; token: string };
}

/**
 * One real private link of each kind, made as people make them: a draft started, a sheet sent for
 * approval (its link e-mailed), an invitation, a registration. `mailer` must be the app's.
 */
export async function privateLinks(
  app: Express,
  mailer: { linkTo(email: string): string },
  admin: { agent: ReturnType<typeof request.agent>; csrf(path?: string): Promise<string> },
): Promise<PrivateLinks> {
  const draft = new Respondent(app);
  await draft.start();
  const sent = await insertSentResponse();
  const prepared = await admin.agent
    .post(`/moderation/reponses/${sent.id}/fiche`)
    .type('form')
    .send({ _csrf: await admin.csrf() });
  const preparedSheet = prepared.headers.location.split('/').pop()!;
  await admin.agent
    .post(`/moderation/fiches/${preparedSheet}/validation`)
    .type('form')
    .send({ _csrf: await admin.csrf(`/moderation/fiches/${preparedSheet}`), revision: '0' });
  const approval = mailer.linkTo(storedAnswers.emailRepondant).split('/').pop()!;
  await admin.agent
    .post('/moderation/utilisateurs/inviter')
    .type('form')
    .send({
      _csrf: await admin.csrf('/moderation/utilisateurs/inviter'),
      email: 'invitee@exemple.fr',
      name: 'Invitée',
      role: 'moderator',
    });
  const password = mailer.linkTo('invitee@exemple.fr').split('/').pop()!;
  const slug = await createMeeting({ slug: 'rencontre-liens' });
  const form = await request(app).get(`/rencontres/${slug}/inscription`);
  const registered = await request(app)
    .post(`/rencontres/${slug}/inscription`)
    .set('Cookie', String(form.headers['set-cookie']).split(';')[0])
    .type('form')
    .send({ ...registrationForm(), _csrf: csrfFrom(form.text) });
  const token = registered.headers.location.split('?')[0].split('/').pop()!;
  return {
    resume: draft.token,
    sentResume: sent.token,
    preparedSheet,
    approval,
    password,
    registration: { slug, token },
  };
}
