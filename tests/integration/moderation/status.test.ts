import { AuditEventModel } from '../../../src/audit/audit.model';
import {
  canMove,
  moderationStatuses,
  type ModerationStatus,
} from '../../../src/moderation/statuses';
import { changeStatus } from '../../../src/moderation/status.service';
import { ConflictError, ValidationFailedError } from '../../../src/lib/errors';
import { ResponseModel } from '../../../src/questionnaire/response.model';
import { buildTestApp } from '../../helpers/app';
import { loginAs, type SignedIn } from '../../helpers/auth';
import { clearDatabase, useTestDatabase } from '../../helpers/db';
import { insertResponse } from '../../helpers/responses';

useTestDatabase();
const { app } = buildTestApp();

let alice: SignedIn;
let bruno: SignedIn;
beforeAll(async () => {
  await clearDatabase();
  alice = await loginAs(app, { role: 'moderator', name: 'Alice Modératrice' });
  bruno = await loginAs(app, { role: 'moderator', name: 'Bruno Modérateur' });
});

const actor = (s: SignedIn) => ({ id: s.user.id, email: s.user.email, name: s.user.name });
const allowed: Array<[ModerationStatus, ModerationStatus]> = [
  ['recue', 'en-examen'],
  ['en-examen', 'retenue'],
  ['en-examen', 'ecartee'],
  ['retenue', 'archivee'],
  ['ecartee', 'archivee'],
];
const pairs = moderationStatuses.flatMap((from) =>
  moderationStatuses.map((to) => [from, to] as [ModerationStatus, ModerationStatus]),
);

async function postStatus(who: SignedIn, id: string, fields: Record<string, string>) {
  const csrf = await who.csrf(`/moderation/reponses/${id}`);
  return who.agent
    .post(`/moderation/reponses/${id}/statut`)
    .type('form')
    .send({ _csrf: csrf, ...fields });
}

describe('status machine', () => {
  it('when every pair of statuses is tried, then exactly the five transitions of the machine are allowed', () => {
    const granted = pairs.filter(([from, to]) => canMove(from, to));
    expect(granted).toEqual(allowed);
  });

  it.each(pairs)(
    'when a response %s is moved to %s by the service, then the machine decides',
    async (from, to) => {
      const { id } = await insertResponse({ status: from });
      const attempt = changeStatus(id, { from, to, reason: 'motif de test' }, actor(alice));
      if (canMove(from, to)) {
        await attempt;
        const stored = await ResponseModel.findById(id).lean();
        expect(stored!.summary!.status).toBe(to);
        expect(stored!.moderation.history.at(-1)).toMatchObject({
          from,
          to,
          reason: 'motif de test',
        });
      } else {
        await expect(attempt).rejects.toBeInstanceOf(ValidationFailedError);
        expect((await ResponseModel.findById(id).lean())!.summary!.status).toBe(from);
      }
    },
  );

  it('when a moderator moves a response through the review page, then history and audit log say who, when and why', async () => {
    const { id, reference } = await insertResponse({ status: 'recue' });
    const res = await postStatus(alice, id, { depuis: 'recue', statut: 'en-examen', motif: '' });
    expect(res.status).toBe(303);
    expect(res.headers.location).toBe(`/moderation/reponses/${id}`);
    const page = await alice.agent.get(`/moderation/reponses/${id}`);
    expect(page.text).toContain('Statut changé : « En examen »');
    expect(page.text).toMatch(/<td>Alice Modératrice<\/td><td>Reçue → En examen<\/td>/);
    const event = await AuditEventModel.findOne({
      action: 'response.status-changed',
      'target.id': id,
    }).lean();
    expect(event).toMatchObject({
      actor: { email: alice.user.email },
      target: { label: reference },
      details: { from: 'recue', to: 'en-examen' },
    });
  });

  it('when a response is left out without a reason, then 422 asks for it and nothing changes', async () => {
    const { id } = await insertResponse({ status: 'en-examen' });
    const res = await postStatus(alice, id, {
      depuis: 'en-examen',
      statut: 'ecartee',
      motif: '  ',
    });
    expect(res.status).toBe(422);
    expect(res.text).toContain('Indiquez le motif pour écarter cette réponse');
    expect(res.text).toContain('href="#motif"');
    expect((await ResponseModel.findById(id).lean())!.summary!.status).toBe('en-examen');
    const ok = await postStatus(alice, id, {
      depuis: 'en-examen',
      statut: 'ecartee',
      motif: 'Doublon',
    });
    expect(ok.status).toBe(303);
  });

  it('when a refused transition or an unknown status is posted, then 422 says so in French', async () => {
    const { id } = await insertResponse({ status: 'recue' });
    const refused = await postStatus(alice, id, { depuis: 'recue', statut: 'archivee' });
    expect(refused.status).toBe(422);
    expect(refused.text).toContain('Une réponse « Reçue » ne peut pas passer à « Archivée »');
    const unknown = await postStatus(alice, id, { depuis: 'recue', statut: '__proto__' });
    expect(unknown.status).toBe(422);
    expect(unknown.text).toContain('Choisissez le nouveau statut');
  });

  it('when two moderators change one response at the same time, then one wins and the other is told, never a lost change', async () => {
    const { id } = await insertResponse({ status: 'en-examen' });
    const [a, b] = await Promise.all([
      postStatus(alice, id, { depuis: 'en-examen', statut: 'retenue', motif: '' }),
      postStatus(bruno, id, { depuis: 'en-examen', statut: 'ecartee', motif: 'Hors sujet' }),
    ]);
    const statuses = [a.status, b.status].sort();
    expect(statuses).toEqual([303, 409]);
    const loser = a.status === 409 ? a : b;
    expect(loser.text).toContain('Le statut de cette réponse a été changé entre-temps');
    const stored = await ResponseModel.findById(id).lean();
    // The fixture's own step (reçue → en examen), then the one winning change.
    expect(stored!.moderation.history).toHaveLength(2);
    expect(stored!.summary!.status).toBe(stored!.moderation.history[1].to);
  });

  it('when the same transition is sent twice at once by the service, then one succeeds and the other is a conflict', async () => {
    const { id } = await insertResponse({ status: 'recue' });
    const results = await Promise.allSettled([
      changeStatus(id, { from: 'recue', to: 'en-examen', reason: '' }, actor(alice)),
      changeStatus(id, { from: 'recue', to: 'en-examen', reason: '' }, actor(bruno)),
    ]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    const rejected = results.find((r) => r.status === 'rejected') as PromiseRejectedResult;
    expect(rejected.reason).toBeInstanceOf(ConflictError);
    expect((await ResponseModel.findById(id).lean())!.moderation.history).toHaveLength(1);
  });

  it('when responses are ticked in the inbox, then those whose status allows it move and the others are named', async () => {
    const a = await insertResponse({ status: 'recue' });
    const b = await insertResponse({ status: 'recue' });
    const c = await insertResponse({ status: 'retenue' });
    const csrf = await alice.csrf('/moderation');
    const res = await alice.agent
      .post('/moderation/reponses/statut')
      .type('form')
      .send(
        `_csrf=${encodeURIComponent(csrf)}&retour=%2Fmoderation%3Fstatut%3Drecue&statut-groupe=en-examen&motif=&ids=${a.id}&ids=${b.id}&ids=${c.id}&ids=nope`,
      );
    expect(res.status).toBe(303);
    expect(res.headers.location).toBe('/moderation?statut=recue');
    const page = await alice.agent.get(res.headers.location);
    expect(page.text).toContain('2 réponses passées à « En examen »');
    expect(page.text).toContain(c.reference);
    const stored = await ResponseModel.find({ _id: { $in: [a.id, b.id, c.id] } }).lean();
    expect(stored.map((r) => r.summary!.status).sort()).toEqual([
      'en-examen',
      'en-examen',
      'retenue',
    ]);
  });

  it('when a bulk change leaves out responses without a reason, then the inbox answers 422 and nothing changes', async () => {
    const a = await insertResponse({ status: 'en-examen' });
    const csrf = await alice.csrf('/moderation');
    const res = await alice.agent.post('/moderation/reponses/statut').type('form').send({
      _csrf: csrf,
      retour: '/moderation',
      'statut-groupe': 'ecartee',
      motif: '',
      ids: a.id,
    });
    expect(res.status).toBe(422);
    expect(res.text).toContain('Indiquez le motif pour écarter ces réponses');
    expect((await ResponseModel.findById(a.id).lean())!.summary!.status).toBe('en-examen');
    const none = await alice.agent
      .post('/moderation/reponses/statut')
      .type('form')
      .send({ _csrf: csrf, retour: 'https://ailleurs.example/', 'statut-groupe': 'en-examen' });
    expect(none.status).toBe(422);
    expect(none.text).toContain('Cochez au moins une réponse');
  });
});
