import { InboxRowModel } from '../../../src/moderation/inbox-row.model';
import { runMigrations } from '../../../src/lib/migrations';
import { questionnaireMigrations } from '../../../src/questionnaire';
import { ResponseModel } from '../../../src/questionnaire/response.model';
import { moderationStatuses } from '../../../src/moderation/statuses';
import { seedDatabase } from '../../../src/seeding/seed.service';
import request from 'supertest';
import { buildTestApp } from '../../helpers/app';
import { submitLogin } from '../../helpers/auth';
import { clearDatabase, useTestDatabase } from '../../helpers/db';

useTestDatabase();

const admin = { email: 'admin@exemple.fr', password: 'mot-de-passe-tres-long-1' };

describe('demo responses', () => {
  beforeEach(clearDatabase);

  it('when an empty database is seeded, then about twelve fictitious sent responses cover every status, several régions and actor types, once', async () => {
    const report = await seedDatabase(admin);
    expect(report.demoResponses).toBe(12);
    const stored = await ResponseModel.find().lean();
    expect(stored).toHaveLength(12);
    expect(stored.every((r) => r.fictitious && r.status === 'envoyee')).toBe(true);
    expect(stored.every((r) => r.summary!.reference.startsWith('EX-'))).toBe(true);
    expect(new Set(stored.map((r) => r.summary!.status))).toEqual(new Set(moderationStatuses));
    expect(new Set(stored.map((r) => r.summary!.region)).size).toBeGreaterThanOrEqual(10);
    expect(new Set(stored.map((r) => r.summary!.actorType)).size).toBeGreaterThanOrEqual(10);
    // The summary holds what the inbox lists, never the answers themselves (nor their e-mails).
    for (const r of stored) expect(Object.keys(r.summary!)).not.toContain('answers');
    expect(JSON.stringify(await InboxRowModel.find().lean())).not.toContain('emailRepondant');
    // The history leads to the status shown, one allowed step at a time.
    for (const r of stored) {
      const last = r.moderation.history.at(-1);
      expect(last?.to ?? 'recue').toBe(r.summary!.status);
    }
    expect((await seedDatabase(admin)).demoResponses).toBe(0);
    expect(await ResponseModel.countDocuments()).toBe(12);
  });

  it('when the seeded admin signs in for the first time, then the password step leads to the second-factor enrolment (no 500)', async () => {
    await seedDatabase(admin);
    const { app } = buildTestApp();
    const res = await submitLogin(request.agent(app), admin.email, admin.password);
    expect(res.status).toBe(303);
    expect(res.headers.location).toMatch(/^\/connexion\/activation/);
  });

  it('when demo responses were seeded with their answers in the summary, then the start-up migration takes them out', async () => {
    await seedDatabase(admin);
    const one = (await ResponseModel.findOne({}).lean())!;
    await ResponseModel.collection.updateOne(
      { _id: one._id },
      { $set: { 'summary.answers': one.answers, 'summary.fictitious': true } },
    );
    const done = Object.fromEntries(await runMigrations(questionnaireMigrations));
    expect(done['2026-12-10-lean-demo-summaries']).toBe(1);
    const lean = (await ResponseModel.findOne({ _id: one._id }).lean())!;
    expect(Object.keys(lean.summary!)).not.toContain('answers');
    expect(lean.summary!.reference).toBe(one.summary!.reference);
  });

  it('when seeded in production, then no demo response is added', async () => {
    const report = await seedDatabase(admin, { production: true });
    expect(report.demoResponses).toBe(0);
    expect(await ResponseModel.countDocuments()).toBe(0);
  });
});
