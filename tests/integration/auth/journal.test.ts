import { AuditEventModel } from '../../../src/audit/audit.model';
import { record } from '../../../src/audit';
import { buildTestApp } from '../../helpers/app';
import { createUser, loginAs, type SignedIn } from '../../helpers/auth';
import { useTestDatabase } from '../../helpers/db';

useTestDatabase();
const { app } = buildTestApp();

let admin: SignedIn;
let moderatorId: string;
beforeAll(async () => {
  admin = await loginAs(app, { role: 'admin' });
  const moderator = await createUser({ role: 'moderator', name: 'Modératrice Test' });
  moderatorId = moderator.id;
  const actor = { id: moderator.id, email: moderator.email, name: moderator.name };
  // 60 password changes spread over ten days before now, then one logout on 2026-01-15 (Paris).
  for (let i = 0; i < 60; i++) {
    await AuditEventModel.create({
      at: new Date(Date.now() - (i + 1) * 4 * 3_600_000),
      actor,
      action: 'password.changed',
      ip: '192.0.2.1',
    });
  }
  await AuditEventModel.create({
    at: new Date('2026-01-15T23:30:00Z'), // 16 January, 00:30 in Paris
    actor,
    action: 'logout',
  });
  await AuditEventModel.create({ at: new Date('2026-01-15T22:30:00Z'), actor, action: 'logout' });
});

const rows = (html: string) => (html.match(/<tr>\s*<td>/g) ?? []).length;

describe('journal page', () => {
  it('when an admin opens the journal, then the newest events come first, 50 a page, with the total', async () => {
    const res = await admin.agent.get('/moderation/journal');
    expect(res.status).toBe(200);
    const total = await AuditEventModel.countDocuments();
    expect(res.text).toContain(`${total} événements`);
    expect(rows(res.text)).toBe(50);
    expect(res.text).toContain('Page 1 sur 2');
    expect(res.text).toContain('href="/moderation/journal?page=2"');
    const second = await admin.agent.get('/moderation/journal?page=2');
    expect(rows(second.text)).toBe(total - 50);
  });

  it('when filtered by person and action, then only their events are listed', async () => {
    const res = await admin.agent.get(`/moderation/journal?acteur=${moderatorId}&action=logout`);
    expect(res.status).toBe(200);
    expect(res.text).toContain('2 événements');
    expect(rows(res.text)).toBe(2);
    expect(res.text).toContain('Modératrice Test');
  });

  it('when filtered by days, then the days are French days (Paris time), both ends included', async () => {
    const day15 = await admin.agent.get(
      '/moderation/journal?action=logout&du=2026-01-15&au=2026-01-15',
    );
    expect(day15.text).toContain('1 événement');
    const day16 = await admin.agent.get('/moderation/journal?action=logout&du=2026-01-16');
    expect(day16.text).toContain('1 événement');
  });

  it.each([
    'action[$ne]=x',
    'acteur[$gt]=',
    '__proto__[a]=1',
    'constructor[prototype][x]=1',
    'page=-4',
    'page=999999999999',
    'page[]=2',
    `du=${'9'.repeat(5000)}`,
  ])(
    'when the query is hostile (%s), then it is ignored or answered 400, never a 500',
    async (query) => {
      const res = await admin.agent.get(`/moderation/journal?${query}`);
      expect([200, 400]).toContain(res.status);
    },
  );

  it.each([
    ['action=__proto__', 'Choisissez une action de la liste'],
    ['action=login.success&action=logout', 'Choisissez une action de la liste'],
    ['acteur={"$ne":null}', 'Choisissez une personne de la liste'],
    ['du=2026-02-30', 'Saisissez une date de début valide'],
    ['du=2026-03-10&au=2026-03-01', 'La date de fin doit être après la date de début'],
  ])(
    'when a filter value is not one of the allowed (%s), then 400 with a message and the form',
    async (query, message) => {
      const res = await admin.agent.get(`/moderation/journal?${query}`);
      expect(res.status).toBe(400);
      expect(res.text).toContain(message);
      expect(res.text).toContain('<form method="get" action="/moderation/journal"');
    },
  );

  it('when a feature tries to rewrite or delete an event, then the model refuses', async () => {
    await record({ actor: null, action: 'login.failure', details: { reason: 'unknown' } });
    await expect(
      AuditEventModel.updateOne({ action: 'login.failure' }, { $set: { action: 'logout' } }),
    ).rejects.toThrow('append-only');
    await expect(AuditEventModel.deleteMany({})).rejects.toThrow('append-only');
    const event = await AuditEventModel.findOne({ action: 'login.failure' });
    event!.action = 'logout';
    await expect(event!.save()).rejects.toThrow('append-only');
  });

  it('when the journal filters, then an index serves each of its sorts (all, per action, per person)', async () => {
    await AuditEventModel.init();
    const keys = (await AuditEventModel.listIndexes()).map((index) => JSON.stringify(index.key));
    expect(keys).toEqual(
      expect.arrayContaining([
        JSON.stringify({ at: -1 }),
        JSON.stringify({ action: 1, at: -1 }),
        JSON.stringify({ 'actor.id': 1, at: -1 }),
      ]),
    );
  });
});
