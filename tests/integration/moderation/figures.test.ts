import request from 'supertest';
import { ResponseModel } from '../../../src/questionnaire/response.model';
import { moderationStatuses } from '../../../src/moderation/statuses';
import { rowsChanged } from '../../../src/moderation/inbox-cache';
import { backfillInboxRows } from '../../../src/moderation/inbox-rows';
import { summariseResults } from '../../../src/moderation/moderation.migrations';
import { taxonomyLabel } from '../../../src/reference/taxonomy';
import { buildTestApp } from '../../helpers/app';
import { loginAs, type SignedIn } from '../../helpers/auth';
import { binary, parseCsv } from '../../helpers/csv';
import { clearDatabase, useTestDatabase } from '../../helpers/db';
import { insertDraft, insertResponse } from '../../helpers/responses';

useTestDatabase();
const { app } = buildTestApp();

let moderator: SignedIn;
let regional: SignedIn;
beforeAll(async () => {
  await clearDatabase();
  moderator = await loginAs(app, { role: 'moderator' });
  regional = await loginAs(app, { role: 'moderator', regions: ['84'] });
  for (let i = 0; i < 24; i++) {
    await insertResponse({ example: i, status: moderationStatuses[i % 5] });
  }
  // A response without results figures, and a draft: neither changes the sums.
  await insertResponse({
    answers: {
      heuresRealisees: undefined,
      participants: undefined,
      participantesFemmes: undefined,
    },
  });
  await insertDraft('84');
});

async function csv(agent: SignedIn['agent'], slug: string) {
  const res = await agent.get(`/moderation/chiffres/${slug}.csv`).buffer(true).parse(binary);
  expect(res.status).toBe(200);
  const [, ...rows] = parseCsv((res.body as Buffer).toString('utf8').slice(1));
  // A decimal comma, as French spreadsheets read it.
  return new Map(rows.map(([label, value]) => [label, Number(value.replace(',', '.'))]));
}

/** The figures recomputed here, from every sent response read back. */
async function expected(region?: string) {
  const all = (await ResponseModel.find({ status: 'envoyee' }).lean()).filter(
    (r) => !region || r.summary!.region === region,
  );
  const n = (v: unknown) => (typeof v === 'number' ? v : 0);
  const both = (key: string) =>
    all.filter(
      (r) => typeof r.answers.participants === 'number' && typeof r.answers[key] === 'number',
    );
  const share = (key: string) =>
    Math.round(
      (1000 * both(key).reduce((s, r) => s + n(r.answers[key]), 0)) /
        both(key).reduce((s, r) => s + n(r.answers.participants), 0),
    ) / 10;
  const travaux = all.reduce((s, r) => {
    const f = r.summary!.marketFamilies;
    return s + (f.includes('travaux') ? n(r.answers.heuresRealisees) / f.length : 0);
  }, 0);
  const familyHours = all.reduce(
    (s, r) => s + (r.summary!.marketFamilies.length ? n(r.answers.heuresRealisees) : 0),
    0,
  );
  return {
    total: all.length,
    statuses: moderationStatuses.map((s) => all.filter((r) => r.summary!.status === s).length),
    planned: all.reduce((s, r) => s + n(r.answers.heuresPrevues), 0),
    achieved: all.reduce((s, r) => s + n(r.answers.heuresRealisees), 0),
    participants: all.reduce((s, r) => s + n(r.answers.participants), 0),
    women: share('participantesFemmes'),
    qpv: share('participantsQpv'),
    womenOver: both('participantesFemmes').length,
    qpvOver: both('participantsQpv').length,
    travaux: Math.round((1000 * travaux) / familyHours) / 10,
    themeA: all.filter((r) => r.summary!.themes.includes('atelier-a-diversifier')).length,
  };
}

describe('figures page', () => {
  it('when a moderator opens the figures, then every number matches a computation made in TypeScript', async () => {
    const res = await moderator.agent.get('/moderation/chiffres');
    expect(res.status).toBe(200);
    const e = await expected();
    expect(res.text).toContain(`${e.total} réponses envoyées`);
    const statuses = await csv(moderator.agent, 'statuts');
    expect([...statuses.values()]).toEqual(e.statuses);
    const hours = await csv(moderator.agent, 'heures');
    expect(hours.get('Heures prévues')).toBe(e.planned);
    expect(hours.get('Heures réalisées')).toBe(e.achieved);
    expect((await csv(moderator.agent, 'participants')).get('Participants')).toBe(e.participants);
    const publics = await csv(moderator.agent, 'publics');
    expect(publics.get('Femmes')).toBe(e.women);
    expect(publics.get('Habitants des QPV')).toBe(e.qpv);
    // Bar labels whole, never cut with an ellipsis.
    expect(res.text).not.toMatch(/class="chart__label"[^>]*>[^<]*…</);
    expect(res.text).toContain(
      `>${taxonomyLabel('marketFamilies', 'travaux')}</text>`.replace(/'/g, '&#39;'),
    );
    // Each share says how many responses it is computed over.
    const note = /data-note="publics">([^<]*)</.exec(res.text)?.[1] ?? '';
    expect(note).toContain(`Femmes : calculé sur ${e.womenOver} réponse`);
    expect(note).toContain(`habitants des QPV : sur ${e.qpvOver} réponse`);
    expect(
      (await csv(moderator.agent, 'heures-familles')).get(
        taxonomyLabel('marketFamilies', 'travaux'),
      ),
    ).toBe(e.travaux);
    const themes = await csv(moderator.agent, 'thematiques');
    expect([...themes.values()].reduce((a, b) => a + b, 0)).toBeGreaterThanOrEqual(e.total);
    expect(res.text).toMatch(
      /<svg class="chart" role="img" aria-labelledby="graphique-statuts graphique-statuts-desc"/,
    );
    expect((res.text.match(/<svg /g) ?? []).length).toBe(8);
    expect((res.text.match(/<table class="table">/g) ?? []).length).toBe(8);
    expect(res.text).toContain(`<td>${e.planned.toLocaleString('fr-FR')}</td>`);
  });

  it('when a regional moderator opens the figures, then only their région counts', async () => {
    const e = await expected('84');
    const res = await regional.agent.get('/moderation/chiffres');
    expect(res.text).toContain(`${e.total} réponse`);
    const regions = await csv(regional.agent, 'regions');
    expect([...regions.keys()]).toEqual(['Auvergne-Rhône-Alpes']);
    expect((await csv(regional.agent, 'heures')).get('Heures réalisées')).toBe(e.achieved);
  });

  it('when the summaries were written before they carried the results, then the migration gives them and the figures still match', async () => {
    await ResponseModel.collection.updateMany(
      {},
      {
        $unset: {
          'summary.hoursPlanned': '',
          'summary.hoursAchieved': '',
          'summary.participants': '',
          'summary.fteAchieved': '',
          'summary.women': '',
          'summary.qpvResidents': '',
        },
      },
    );
    await rowsChanged();
    await backfillInboxRows();
    const before = await csv(moderator.agent, 'heures');
    expect(before.get('Heures réalisées')).toBe(0);

    expect(await summariseResults()).toBe((await expected()).total);
    await backfillInboxRows();
    const e = await expected();
    const hours = await csv(moderator.agent, 'heures');
    expect(hours.get('Heures prévues')).toBe(e.planned);
    expect(hours.get('Heures réalisées')).toBe(e.achieved);
    expect((await csv(moderator.agent, 'publics')).get('Femmes')).toBe(e.women);
  });

  it('when an unknown data set or an anonymous visitor asks, then 404 or the login page', async () => {
    expect((await moderator.agent.get('/moderation/chiffres/__proto__.csv')).status).toBe(404);
    expect((await request(app).get('/moderation/chiffres')).status).toBe(302);
    expect((await request(app).get('/moderation/chiffres/heures.csv')).status).toBe(302);
  });
});
