import {
  AccessibilityNeedModel,
  saveNeed,
} from '../../../src/meetings/registrations/accessibility-needs';
import { pipeline } from 'node:stream/promises';
import { Readable } from 'node:stream';
import mongoose, { Types } from 'mongoose';
import request from 'supertest';
import { AuditEventModel } from '../../../src/audit/audit.model';
import { ImportBatchModel } from '../../../src/import/import-batch.model';
import { openUpload } from '../../../src/lib/files/attachment-store';
import { RegistrationModel } from '../../../src/meetings/registrations/registration.model';
import { runRetention } from '../../../src/privacy';
import { ResponseModel } from '../../../src/questionnaire/response.model';
import { createDraft } from '../../../src/questionnaire/response.service';
import { buildTestApp, captureMailer } from '../../helpers/app';
import { clearDatabase, useTestDatabase } from '../../helpers/db';
import { runCli } from '../../helpers/cli';
import { createMeeting } from '../../helpers/meetings';
import { filesOf } from '../../helpers/privacy';
import { insertResponse } from '../../helpers/responses';

const { name: dbName } = useTestDatabase();
const mailer = captureMailer();
const { app, config } = buildTestApp({ BASE_URL: 'http://localhost:3000' }, { mailer });

const day = 86_400_000;
const now = new Date();
const ago = (days: number) => new Date(now.getTime() - days * day);
const responses = () => ResponseModel.collection;

/** A draft created through the app, then left alone since `days` ago. */
async function oldDraft(days: number, extra: { email?: string; warnedDaysAgo?: number } = {}) {
  const { token, response } = await createDraft(extra.email);
  await responses().updateOne(
    { _id: response._id },
    {
      $set: {
        updatedAt: ago(days),
        ...(extra.warnedDaysAgo !== undefined && { retentionWarnedAt: ago(extra.warnedDaysAgo) }),
      },
    },
  );
  return { token, id: response._id };
}

async function attachFile(id: Types.ObjectId) {
  const upload = openUpload('bilan.pdf', id);
  await pipeline(Readable.from([Buffer.from('%PDF-1.4 bilan')]), upload);
  await responses().updateOne(
    { _id: id },
    {
      $push: {
        attachments: {
          fileId: upload.id,
          filename: 'bilan.pdf',
          contentType: 'application/pdf',
          size: 14,
          image: false,
          uploadedAt: ago(400),
        },
      } as never,
    },
  );
}

async function journal(daysAgo: number, ip: string | null) {
  await AuditEventModel.collection.insertOne({
    at: ago(daysAgo),
    actor: { id: new Types.ObjectId(), email: 'moderatrice@exemple.fr', name: 'Modératrice' },
    action: 'login.success',
    target: null,
    details: null,
    ip,
  });
}

async function registration(meeting: string, email: string) {
  const created = await RegistrationModel.create({
    meeting,
    email,
    lastName: 'Petit',
    firstName: 'Lou',
    structure: 'Mairie',
    structureType: 'collectivite',
    jobTitle: 'Chargée de mission',
    department: '45',
    workshop: 'A',
    lunch: false,
    status: 'annulee',
    tokenHash: `hash-${email}`,
  });
  await saveNeed(created._id, meeting, 'Fauteuil roulant');
}

/** What the run may change, read the same way before and after. */
async function state() {
  const regs = await RegistrationModel.find({}).sort({ email: 1 }).lean();
  return {
    drafts: await ResponseModel.countDocuments({ status: 'brouillon' }),
    erased: await ResponseModel.countDocuments({ erasure: { $exists: true } }),
    journal: (await AuditEventModel.find({}).sort({ at: 1 }).lean()).map((e) => e.ip),
    imports: await ImportBatchModel.countDocuments(),
    limits: await mongoose.connection.db!.collection('rate_limits').countDocuments(),
    accessibility: await Promise.all(
      regs.map(
        async (r) => (await AccessibilityNeedModel.findOne({ _id: r._id }).lean())?.text ?? null,
      ),
    ),
    anonymised: regs.filter((r) => r.anonymisedAt).length,
  };
}

let fixture: Awaited<ReturnType<typeof setUp>>;
async function setUp() {
  const warnNow = await oldDraft(345, { email: 'bientot@exemple.fr' });
  const warnedLongAgo = await oldDraft(400, { email: 'prevenu@exemple.fr', warnedDaysAgo: 31 });
  await attachFile(warnedLongAgo.id);
  const neverWarned = await oldDraft(400, { email: 'jamais-prevenu@exemple.fr' });
  const noAddress = await oldDraft(400);
  const recent = await oldDraft(10, { email: 'recent@exemple.fr' });
  const oldSent = await insertResponse({ submittedAt: ago(4 * 366) });
  const newSent = await insertResponse({ submittedAt: ago(366) });
  await journal(400, '203.0.113.9');
  await journal(40, '203.0.113.45');
  await journal(40, '2001:db8:85a3:8d3:1319:8a2e:370:7348');
  await journal(2, '198.51.100.7');
  for (const days of [40, 2]) {
    const batch = await ImportBatchModel.create({
      kind: 'fiches',
      source: `fichier-${days}.csv`,
      total: 0,
      rows: [],
      createdBy: 'admin@exemple.fr',
    });
    await ImportBatchModel.collection.updateOne(
      { _id: batch._id },
      { $set: { createdAt: ago(days) } },
    );
  }
  const limits = mongoose.connection.db!.collection<{ _id: string }>('rate_limits');
  await limits.insertMany([
    { _id: 'envois:203.0.113.9:1', hits: 3, expiresAt: ago(1) },
    { _id: 'envois:203.0.113.9:2', hits: 1, expiresAt: new Date(now.getTime() + 60_000) },
  ] as never);
  const past = await createMeeting({ date: ago(2) });
  const longPast = await createMeeting({ date: ago(220) });
  const upcoming = await createMeeting();
  await registration(past, 'hier@exemple.fr');
  await registration(longPast, 'ancien@exemple.fr');
  await registration(upcoming, 'bientot-rencontre@exemple.fr');
  return { warnNow, warnedLongAgo, neverWarned, noAddress, recent, oldSent, newSent };
}

beforeEach(async () => {
  await clearDatabase();
  mailer.sent.length = 0;
  fixture = await setUp();
});

describe('retention', () => {
  it('when run with --dry-run, then it counts what it would do and changes nothing', async () => {
    const before = await state();
    const lines = await runRetention(config, mailer, { now, dryRun: true });
    expect(Object.fromEntries(lines.map((l) => [l.what, l.count]))).toEqual({
      'Brouillon non envoyé depuis le délai': 2,
      'Brouillon bientôt supprimé : personne prévenue par e-mail': 2,
      'Réponse envoyée au-delà du délai : coordonnées et fichiers': 1,
      'Inscription d’une rencontre passée (délai de la rencontre)': 1,
      'Besoins d’accessibilité après la rencontre': 2,
      'Fichier importé au-delà du délai': 1,
      'Entrée du journal au-delà du délai': 1,
      'Adresse IP du journal (tronquée)': 2,
      'Compteur d’envois par adresse IP expiré': 1,
    });
    expect(await state()).toEqual(before);
    expect(mailer.sent).toEqual([]);
  });

  it('when run, then exactly what is past its configured duration goes, the drafts about to go are warned with a working link, and a second run does nothing', async () => {
    await runRetention(config, mailer, { now });
    const { warnNow, warnedLongAgo, neverWarned, noAddress, recent, oldSent, newSent } = fixture;
    const exists = async (id: Types.ObjectId) =>
      (await ResponseModel.countDocuments({ _id: id })) === 1;
    expect(await exists(warnedLongAgo.id)).toBe(false);
    expect(await filesOf(warnedLongAgo.id)).toBe(0);
    expect(await exists(noAddress.id)).toBe(false);
    for (const kept of [warnNow, neverWarned, recent]) expect(await exists(kept.id)).toBe(true);

    expect(mailer.sent.map((m) => m.to).sort()).toEqual([
      'bientot@exemple.fr',
      'jamais-prevenu@exemple.fr',
    ]);
    const warning = mailer.sent.find((m) => m.to === 'bientot@exemple.fr')!;
    expect(warning.subject).toBe('Votre brouillon de réponse sera supprimé dans un mois');
    const newLink = mailer.linkTo('bientot@exemple.fr');
    expect(newLink).not.toContain(warnNow.token);
    expect((await request(app).get(newLink)).status).toBe(200);
    expect((await request(app).get(`/questionnaire/reprendre/${warnNow.token}`)).status).toBe(200);
    // The warning is not a save by the person: the delay still counts from their last save.
    const warned = (await ResponseModel.findOne({ _id: warnNow.id }).lean())!;
    expect(warned.updatedAt.getTime()).toBe(ago(345).getTime());

    const sentOld = (await ResponseModel.findOne({ _id: oldSent.id }).lean())!;
    expect(sentOld.answers.emailRepondant).toBeUndefined();
    expect(sentOld.answers.titrePratique).toBeDefined();
    expect(
      (await ResponseModel.findOne({ _id: newSent.id }).lean())!.answers.emailRepondant,
    ).toBeDefined();

    const after = await state();
    expect(after.journal).toEqual([
      '203.0.113.0',
      '2001:db8:85a3::',
      '198.51.100.7',
      null, // the anonymisation of the long-past meeting's registrations
      null, // this run's own entry
    ]);
    expect(after.imports).toBe(1);
    expect(after.limits).toBe(1);
    // Sorted by e-mail: ancien (anonymised), bientot-rencontre (upcoming), hier (yesterday's).
    expect(after.accessibility).toEqual([null, 'Fauteuil roulant', null]);
    expect(after.anonymised).toBe(1);

    mailer.sent.length = 0;
    expect(await runRetention(config, mailer, { now })).toEqual([]);
    expect(mailer.sent).toEqual([]);
  });

  it('when `npm run retention -- --dry-run` runs, then it prints the same counts and changes nothing', async () => {
    const before = await state();
    const run = runCli('retention', dbName, ['--dry-run']);
    expect(run.status).toBe(0);
    expect(run.stdout).toContain('Simulation (rien n’est modifié)');
    expect(run.stdout).toContain('Brouillon non envoyé depuis le délai : 2 supprimés');
    expect(run.stdout).toContain('Adresse IP du journal (tronquée) : 2 anonymisés');
    expect(await state()).toEqual(before);
  });
});
