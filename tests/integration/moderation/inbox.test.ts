import { ResponseModel } from '../../../src/questionnaire/response.model';
import { moderationStatuses } from '../../../src/moderation/statuses';
import { buildTestApp } from '../../helpers/app';
import { loginAs, type SignedIn } from '../../helpers/auth';
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
  // 30 responses over 12 communes (12 régions) and every status, plus 3 drafts.
  for (let i = 0; i < 30; i++) {
    await insertResponse({ example: i, status: moderationStatuses[i % moderationStatuses.length] });
  }
  await insertResponse({
    example: 1,
    commune: '69123',
    answers: {
      titrePratique: 'Écoles ouvertes : clause et « éducation »',
      nomStructure: 'Ville de Lyon',
    },
  });
  await insertDraft('11');
  await insertDraft('84');
  await insertDraft('84');
});

const rows = (html: string) => (html.match(/name="ids"/g) ?? []).length;
const tabCount = (html: string, label: string) => {
  const match = new RegExp(`${label} <span class="status-tabs__count">\\((\\d+)\\)`).exec(html);
  return match ? Number(match[1]) : NaN;
};

/** The same counts, made another way: every sent response read back and counted here. */
async function countInTs(keep: (s: { status: string; region: string }) => boolean = () => true) {
  const all = await ResponseModel.find({ status: 'envoyee' }, { summary: 1 }).lean();
  const kept = all.filter((r) => keep(r.summary!));
  return Object.fromEntries(
    moderationStatuses.map((s) => [s, kept.filter((r) => r.summary!.status === s).length]),
  );
}

describe('responses inbox', () => {
  it('when a moderator opens the inbox, then tabs count each status as a count made in TypeScript does, drafts counted apart', async () => {
    const res = await moderator.agent.get('/moderation');
    expect(res.status).toBe(200);
    const expected = await countInTs();
    expect(tabCount(res.text, 'Reçue')).toBe(expected.recue);
    expect(tabCount(res.text, 'En examen')).toBe(expected['en-examen']);
    expect(tabCount(res.text, 'Retenue')).toBe(expected.retenue);
    expect(tabCount(res.text, 'Écartée')).toBe(expected.ecartee);
    expect(tabCount(res.text, 'Archivée')).toBe(expected.archivee);
    expect(tabCount(res.text, 'Toutes')).toBe(31);
    expect(res.text).toContain('3 brouillons non envoyés');
    expect(res.text).toContain('31 réponses');
    expect(rows(res.text)).toBe(25);
    expect(res.text).toContain('href="/moderation?page=2"');
    const second = await moderator.agent.get('/moderation?page=2');
    expect(rows(second.text)).toBe(6);
  });

  it('when filtered by status and région, then only those are listed and the tabs count within the région', async () => {
    const res = await moderator.agent.get('/moderation?region=84&statut=recue');
    expect(res.status).toBe(200);
    const expected = await countInTs((s) => s.region === '84');
    expect(rows(res.text)).toBe(expected.recue);
    expect(tabCount(res.text, 'En examen')).toBe(expected['en-examen']);
    expect(res.text).toMatch(/href="\/moderation\?statut=en-examen&amp;region=84"/);
  });

  it('when searching text without accents or case, then titles, structures and references match', async () => {
    const byTitle = await moderator.agent.get('/moderation?q=EDUCATION');
    expect(rows(byTitle.text)).toBe(1);
    expect(byTitle.text).toContain('Écoles ouvertes');
    const byStructure = await moderator.agent.get('/moderation?q=ville%20de%20lyon');
    expect(rows(byStructure.text)).toBe(1);
    const byReference = await moderator.agent.get('/moderation?q=bp-2099-00003');
    expect(rows(byReference.text)).toBe(1);
    const regex = await moderator.agent.get('/moderation?q=.*');
    expect(regex.status).toBe(200);
    expect(rows(regex.text)).toBe(0);
  });

  it('when filtered by theme, public and market family, then every listed response has them', async () => {
    const all = await ResponseModel.find({ status: 'envoyee' }, { summary: 1 }).lean();
    const expected = all.filter(
      (r) =>
        r.summary!.themes.includes('atelier-a-diversifier') &&
        r.summary!.marketFamilies.includes('travaux'),
    ).length;
    const res = await moderator.agent.get(
      '/moderation?theme=atelier-a-diversifier&famille=travaux',
    );
    expect(res.text).toContain(`${expected} réponse`);
    const publics = all.filter((r) => r.summary!.publics.includes('femmes')).length;
    const res2 = await moderator.agent.get('/moderation?public=femmes&departement=');
    expect(res2.text).toContain(`${publics} réponse`);
  });

  it('when sorted by title, then rows follow the alphabet', async () => {
    const res = await moderator.agent.get('/moderation?tri=titre');
    const titles = [
      ...res.text.matchAll(
        /<td[^>]*><a href="\/moderation\/reponses\/[a-f0-9]+">[^<]+<\/a><\/td>\s*<td[^>]*>[^<]+<\/td>\s*<td[^>]*>([^<]+)/g,
      ),
    ].map((m) => m[1]);
    expect(titles.length).toBe(25);
    expect([...titles].sort((a, b) => a.localeCompare(b, 'fr'))).toEqual(titles);
  });

  it('when a regional moderator opens the inbox, then only their région is listed and counted, other régions not offered', async () => {
    const res = await regional.agent.get('/moderation');
    const expected = await countInTs((s) => s.region === '84');
    const total = Object.values(expected).reduce((a, b) => a + b, 0);
    expect(res.text).toContain(`${total} réponse`);
    expect(res.text).toContain('2 brouillons');
    expect(res.text).not.toContain('<option value="11"');
    const other = await regional.agent.get('/moderation?region=11');
    expect(rows(other.text)).toBe(0);
  });

  it.each([
    '/moderation?region[$ne]=x',
    '/moderation?status=__proto__',
    '/moderation?statut=__proto__',
    '/moderation?statut=recue&statut=retenue',
    '/moderation?region=ZZ',
    '/moderation?theme[]=a',
    '/moderation?page=-1',
    '/moderation?tri=constructor',
    `/moderation?q=${'a'.repeat(200)}`,
    '/moderation?__proto__[x]=1',
  ])('when the inbox is asked %s, then it answers 200 or 400, never 500', async (url) => {
    const res = await moderator.agent.get(url);
    expect([200, 400]).toContain(res.status);
    if (res.status === 400) expect(res.text).toContain('error-summary');
  });

  it('when anonymous, then the inbox redirects to the login page and JSON answers 401', async () => {
    const { agent } = await import('supertest').then((m) => ({ agent: m.default(app) }));
    const page = await agent.get('/moderation');
    expect(page.status).toBe(302);
    expect(page.headers.location).toMatch(/^\/connexion/);
    const json = await agent.get('/moderation').set('Accept', 'application/json');
    expect(json.status).toBe(401);
  });
});
