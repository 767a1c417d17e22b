import fs from 'node:fs';
import path from 'node:path';
import mongoose from 'mongoose';
import { checkRows } from '../../../src/import/import.rows';
import { parseFile } from '../../../src/import/import.parse';
import { writeRows } from '../../../src/import/import.write';
import { rootDir } from '../../../src/lib/paths';
import { inboxRows } from '../../../src/moderation/inbox-cache';
import {
  decodeRow,
  encodeRow,
  InboxRowModel,
  rowSource,
} from '../../../src/moderation/inbox-row.model';
import { backfillInboxRows } from '../../../src/moderation/inbox-rows';
import { exampleAnswers } from '../../../src/seeding/demo-responses';
import { backfillSummaries } from '../../../src/moderation/moderation.migrations';
import { seedDemoResponses } from '../../../src/seeding/demo-responses';
import { changeStatus, changeStatuses } from '../../../src/moderation/status.service';
import { sections } from '../../../src/questionnaire/questionnaire';
import { ResponseModel, type SurveyResponse } from '../../../src/questionnaire/response.model';
import { createDraft, saveSection, submit } from '../../../src/questionnaire/response.service';
import { buildTestApp } from '../../helpers/app';
import { loginAs, type SignedIn } from '../../helpers/auth';
import { clearDatabase, useTestDatabase } from '../../helpers/db';
import { insertResponse } from '../../helpers/responses';

useTestDatabase();
const { app } = buildTestApp();

let moderator: SignedIn;
beforeEach(async () => {
  await clearDatabase();
  moderator = await loginAs(app, { role: 'moderator', name: 'Mona Modératrice' });
});

const actor = () => ({ id: moderator.user.id, email: moderator.user.email, name: 'Mona' });
const section = (slug: string) => sections.find((s) => s.slug === slug)!;
const stored = async (id: unknown) => (await ResponseModel.findById(id).lean<SurveyResponse>())!;

/**
 * Every response's stored row is the one its current state gives, with no row left over, and
 * this process's in-memory rows are the stored ones (made another way: read back here).
 */
async function expectRowsInStep() {
  const responses = await ResponseModel.find({}, rowSource).lean();
  const expected = Object.fromEntries(
    responses.flatMap((r) => {
      const d = encodeRow(r);
      return d === undefined ? [] : [[String(r._id), d]];
    }),
  );
  const rows = await InboxRowModel.find({}).lean();
  expect(Object.fromEntries(rows.map((r) => [String(r._id), r.d]))).toEqual(expected);
  const memory = await inboxRows();
  expect(Object.fromEntries(memory)).toEqual(
    Object.fromEntries(Object.entries(expected).map(([id, d]) => [id, decodeRow(id, d)])),
  );
  return memory;
}

describe('inbox rows follow every write', () => {
  it('when a draft is created, its territoire saved, then it is sent and amended, then its row follows each step', async () => {
    const { response } = await createDraft();
    expect((await expectRowsInStep()).get(String(response._id))).toMatchObject({
      draftRegion: '',
    });
    const answers = exampleAnswers(2);
    await saveSection(response, section('territoire'), answers);
    const region = (answers.territoire as { region: string }).region;
    expect((await expectRowsInStep()).get(String(response._id))?.draftRegion).toBe(region);
    await saveSection(await stored(response._id), section('pratique'), answers);
    await saveSection(await stored(response._id), section('repondant'), answers);
    const { reference } = await submit({ ...(await stored(response._id)), answers });
    expect((await expectRowsInStep()).get(String(response._id))?.summary).toMatchObject({
      reference,
      status: 'recue',
    });
    await saveSection(await stored(response._id), section('pratique'), {
      ...answers,
      titrePratique: 'Un titre amendé',
    });
    expect((await expectRowsInStep()).get(String(response._id))?.summary).toMatchObject({
      title: 'Un titre amendé',
      titleKey: 'un titre amende',
    });
  });

  it('when a status is changed alone or in bulk, then the rows show the new statuses', async () => {
    const a = await insertResponse({ status: 'recue' });
    const b = await insertResponse({ status: 'recue' });
    const c = await insertResponse({ status: 'en-examen' });
    await changeStatus(a.id, { from: 'recue', to: 'en-examen', reason: '' }, actor());
    await changeStatuses([b.id, c.id], 'en-examen', '', actor());
    const memory = await expectRowsInStep();
    expect([a, b, c].map((r) => memory.get(r.id)?.summary?.status)).toEqual([
      'en-examen',
      'en-examen',
      'en-examen',
    ]);
    await changeStatuses([a.id, c.id], 'retenue', '', actor());
    expect((await expectRowsInStep()).get(c.id)?.summary?.status).toBe('retenue');
  });

  it('when responses are imported, then each gets its row', async () => {
    const file = path.join(rootDir, 'seeds', 'examples', 'reponses.json');
    const raw = await parseFile('reponses.json', fs.readFileSync(file));
    const { rows, errors } = await checkRows(raw);
    expect(errors).toEqual([]);
    const { created } = await writeRows('reponses', rows, 'reponses.json');
    expect(created).toBeGreaterThan(0);
    const memory = await expectRowsInStep();
    expect([...memory.values()].filter((r) => r.summary?.status === 'recue')).toHaveLength(created);
  });

  it('when the demo responses are seeded, then the twelve get their rows', async () => {
    expect(await seedDemoResponses()).toBe(12);
    const memory = await expectRowsInStep();
    expect([...memory.values()].filter((r) => r.fictitious && r.summary)).toHaveLength(12);
  });

  it('when a sent response had no summary, or a row is missing, wrong or left over, then the backfills put every row right', async () => {
    const { response } = await createDraft();
    await ResponseModel.updateOne(
      { _id: response._id },
      { $set: { status: 'envoyee', reference: 'BP-2025-00001', submittedAt: new Date() } },
    );
    const kept = await insertResponse({ status: 'retenue' });
    const lost = await insertResponse();
    await InboxRowModel.deleteOne({ _id: lost.id });
    await InboxRowModel.updateOne({ _id: kept.id }, { $set: { d: '{"f":false}' } });
    await InboxRowModel.create({ _id: new mongoose.Types.ObjectId(), d: '{"f":false,"r":""}' });
    expect(await backfillSummaries()).toBe(1);
    expect(await backfillInboxRows()).toBe(3);
    const memory = await expectRowsInStep();
    expect(memory.get(String(response._id))?.summary?.reference).toBe('BP-2025-00001');
    expect(memory.get(kept.id)?.summary?.status).toBe('retenue');
    expect(await backfillInboxRows()).toBe(0);
  });
});

describe('inbox rows under concurrent writes', () => {
  it('when two moderators post a change of one response at the same time, then its row and the inbox show the winner', async () => {
    const { id, reference } = await insertResponse({ status: 'en-examen' });
    const other = await loginAs(app, { role: 'moderator', name: 'Omar Modérateur' });
    const post = async (who: SignedIn, fields: Record<string, string>) => {
      const csrf = await who.csrf(`/moderation/reponses/${id}`);
      return () =>
        who.agent
          .post(`/moderation/reponses/${id}/statut`)
          .type('form')
          .send({ _csrf: csrf, depuis: 'en-examen', ...fields });
    };
    const sends = [
      await post(moderator, { statut: 'retenue', motif: '' }),
      await post(other, { statut: 'ecartee', motif: 'doublon' }),
    ];
    const answers = await Promise.all(sends.map((send) => send()));
    expect(answers.map((r) => r.status).sort()).toEqual([303, 409]);
    const winner = (await stored(id)).summary!.status;
    expect((await expectRowsInStep()).get(id)?.summary?.status).toBe(winner);
    const label = winner === 'retenue' ? 'Retenue' : 'Écartée';
    const inbox = await moderator.agent.get(`/moderation?q=${reference}`);
    expect(inbox.text).toMatch(new RegExp(`${label} <span class="status-tabs__count">\\(1\\)`));
  });

  it('when amendments and a status change of one response run at the same time, then its row ends equal to the response', async () => {
    const { id } = await insertResponse({ status: 'recue' });
    const response = await stored(id);
    await Promise.all([
      ...['un', 'deux', 'trois', 'quatre'].map((n) =>
        saveSection(response, section('pratique'), {
          ...response.answers,
          titrePratique: `Titre ${n}`,
        }),
      ),
      changeStatus(id, { from: 'recue', to: 'en-examen', reason: '' }, actor()),
    ]);
    const row = (await expectRowsInStep()).get(id)!;
    const now = await stored(id);
    expect([row.summary?.title, row.summary?.status]).toEqual([now.summary!.title, 'en-examen']);
  });
});

describe('inbox rows held by this process', () => {
  it('when this process changes a status, then its rows are updated in place at once, without reloading them all', async () => {
    const { id } = await insertResponse({ status: 'recue' });
    const before = await inboxRows();
    await changeStatus(id, { from: 'recue', to: 'en-examen', reason: '' }, actor());
    const after = await inboxRows();
    expect(after).toBe(before);
    expect(after.get(id)?.summary?.status).toBe('en-examen');
    await expectRowsInStep();
  });
});

describe('inbox rows seen by another app process', () => {
  it('when another process changes a response and moves the counter, then this inbox shows it once its counter read expires', async () => {
    const { id, reference } = await insertResponse({ status: 'recue' });
    const before = await moderator.agent.get(`/moderation?q=${reference}`);
    expect(before.text).toMatch(/Reçue <span class="status-tabs__count">\(1\)/);
    // What another process does, straight on the database: response, row, counter.
    const db = mongoose.connection.db!;
    await db
      .collection('responses')
      .updateOne(
        { _id: new mongoose.Types.ObjectId(id) },
        { $set: { 'summary.status': 'retenue' } },
      );
    const changed = await ResponseModel.findById(id, rowSource).lean();
    await InboxRowModel.replaceOne({ _id: id }, { d: encodeRow(changed!)! });
    await db
      .collection<{ _id: string; seq: number }>('counters')
      .updateOne({ _id: 'inbox-version' }, { $inc: { seq: 1 } }, { upsert: true });
    let text = '';
    for (let tries = 0; tries < 50; tries++) {
      text = (await moderator.agent.get(`/moderation?q=${reference}`)).text;
      if (/Retenue <span class="status-tabs__count">\(1\)/.test(text)) break;
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    expect(text).toMatch(/Retenue <span class="status-tabs__count">\(1\)/);
    expect(text).toMatch(/Reçue <span class="status-tabs__count">\(0\)/);
  });
});
