import { SheetModel } from '../../../src/sheets/sheet.model';
import { seedDatabase } from '../../../src/seeding/seed.service';
import { buildTestApp } from '../../helpers/app';
import { loginAs, type SignedIn } from '../../helpers/auth';
import { clearDatabase, useTestDatabase } from '../../helpers/db';

useTestDatabase();
beforeEach(async () => {
  await clearDatabase();
  await seedDatabase({ email: 'admin@exemple.fr', password: 'mot-de-passe-admin-123' });
});
const { app } = buildTestApp();
const meeting = 'centre-val-de-loire-2022';

/** The sheet titles listed under each heading (h2) of a page, in page order. */
function titlesByHeading(html: string): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const part of html.split('<h2>').slice(1)) {
    const heading = part.slice(0, part.indexOf('</h2>'));
    out[heading] = [
      ...part.matchAll(/<a href="\/moderation\/fiches\/[a-f0-9]{24}">([^<]+)<\/a>/g),
    ].map((m) => m[1]);
  }
  return out;
}
const workshopTitles = async (mod: SignedIn, code: string) => {
  const page = await mod.agent.get(`/moderation/rencontres/${meeting}/pratiques`);
  expect(page.status).toBe(200);
  return Object.entries(titlesByHeading(page.text)).find(([h]) =>
    h.startsWith(`Atelier ${code} `),
  )![1];
};
const decode = (s: string) =>
  s.replace(/&#39;/g, "'").replace(/&amp;/g, '&').replace(/&#34;/g, '"');

describe('selection for meetings and the recueil', () => {
  it('when the demo is seeded, then each Orléans workshop and two chapters show their selected sheets, as the database holds them', async () => {
    const mod = await loginAs(app);
    const selected = await SheetModel.find(
      { 'meetingSelections.meeting': meeting },
      'title meetingSelections',
    ).lean();
    for (const code of ['A', 'B', 'C']) {
      const expected = selected
        .map((p) => ({ title: p.title, sel: p.meetingSelections.find((s) => s.workshop === code) }))
        .filter((x) => x.sel)
        .sort((a, b) => a.sel!.position - b.sel!.position || a.title.localeCompare(b.title, 'fr'))
        .map((x) => x.title);
      expect(expected.length).toBeGreaterThan(0);
      expect((await workshopTitles(mod, code)).map(decode)).toEqual(expected);
    }
    const toc = titlesByHeading((await mod.agent.get('/moderation/recueil')).text);
    const inRecueil = await SheetModel.countDocuments({ 'recueil.chapter': { $exists: true } });
    expect(Object.values(toc).flat()).toHaveLength(inRecueil);
    expect(Object.values(toc).filter((t) => t.length > 0)).toHaveLength(2);
    // Seeding again changes nothing.
    await seedDatabase({ email: 'admin@exemple.fr' });
    expect(await SheetModel.countDocuments({ 'recueil.chapter': { $exists: true } })).toBe(
      inRecueil,
    );
    expect(await SheetModel.countDocuments({ 'meetingSelections.meeting': meeting })).toBe(
      selected.length,
    );
  });

  it('when a sheet is selected for workshop B and moved up, then the meeting’s list shows it in that order', async () => {
    const mod = await loginAs(app);
    const sheet = await SheetModel.findOne({ 'meetingSelections.0': { $exists: false } }).lean();
    const editor = await mod.agent.get(`/moderation/fiches/${sheet!._id}`);
    const csrf = /name="_csrf" value="([^"]+)"/.exec(editor.text)![1];
    const res = await mod.agent
      .post(`/moderation/fiches/${sheet!._id}/atelier`)
      .type('form')
      .send({
        _csrf: csrf,
        atelier: `${meeting}|B`,
        presenterName: 'Camille Martin',
        presenterStructure: 'PLIE du Loiret',
      });
    expect(res.status).toBe(303);
    const before = (await workshopTitles(mod, 'B')).map(decode);
    expect(before.at(-1)).toBe(sheet!.title);
    await mod.agent
      .post(`/moderation/rencontres/${meeting}/pratiques/deplacer`)
      .type('form')
      .send({
        _csrf: await mod.csrf(),
        id: String(sheet!._id),
        workshop: 'B',
        direction: 'monter',
      });
    const after = (await workshopTitles(mod, 'B')).map(decode);
    expect(after).toEqual([...before.slice(0, -2), before.at(-1), before.at(-2)]);
    const page = await mod.agent.get(`/moderation/rencontres/${meeting}/pratiques`);
    expect(page.text).toContain('présentée par Camille Martin (PLIE du Loiret)');
  });

  it('when the same selection is sent twice at once, then the sheet is selected once', async () => {
    const mod = await loginAs(app);
    const sheet = await SheetModel.findOne({ 'meetingSelections.0': { $exists: false } }).lean();
    const csrf = await mod.csrf();
    const send = () =>
      mod.agent
        .post(`/moderation/fiches/${sheet!._id}/atelier`)
        .type('form')
        .send({ _csrf: csrf, atelier: `${meeting}|C`, presenterName: '', presenterStructure: '' });
    const results = await Promise.all([send(), send()]);
    expect(results.map((r) => r.status)).toEqual([303, 303]);
    const stored = await SheetModel.findById(sheet!._id).lean();
    expect(stored!.meetingSelections).toHaveLength(1);
  });

  it('when a sheet is put in a chapter and moved up twice, then the table of contents shows it first', async () => {
    const mod = await loginAs(app);
    const sheet = await SheetModel.findOne({ recueil: { $exists: false } }).lean();
    const csrf = await mod.csrf();
    await mod.agent
      .post(`/moderation/fiches/${sheet!._id}/recueil`)
      .type('form')
      .send({ _csrf: csrf, chapter: 'preparer-le-contrat' });
    const chapter = async () =>
      Object.entries(titlesByHeading((await mod.agent.get('/moderation/recueil')).text))
        .find(([h]) => h.includes('Préparer le contrat'))![1]
        .map(decode);
    const before = await chapter();
    expect(before.at(-1)).toBe(sheet!.title);
    for (let i = 0; i < before.length; i++) {
      await mod.agent
        .post('/moderation/recueil/deplacer')
        .type('form')
        .send({ _csrf: csrf, id: String(sheet!._id), direction: 'monter' });
    }
    const after = await chapter();
    expect(after[0]).toBe(sheet!.title);
    expect(after.slice(1)).toEqual(before.slice(0, -1));
  });
});
