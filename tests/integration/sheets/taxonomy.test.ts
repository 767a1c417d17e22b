import { createHash } from 'node:crypto';
import request from 'supertest';
import { AuditEventModel } from '../../../src/audit/audit.model';
import { SheetModel } from '../../../src/sheets/sheet.model';
import { ResponseModel } from '../../../src/questionnaire/response.model';
import { TermModel } from '../../../src/reference/term.model';
import { seedDatabase } from '../../../src/seeding/seed.service';
import { formOf } from '../../../src/sheets/sheet.form';
import { codesFor } from '../../../src/reference/terms';
import { buildTestApp } from '../../helpers/app';
import { loginAs } from '../../helpers/auth';
import { clearDatabase, useTestDatabase } from '../../helpers/db';
import { insertResponse } from '../../helpers/responses';
import { Respondent, validAnswers } from '../../helpers/respondent';

useTestDatabase();
beforeEach(async () => {
  await clearDatabase();
  await seedDatabase({ email: 'admin@exemple.fr', password: 'mot-de-passe-admin-123' });
});
const { app } = buildTestApp();

type Admin = Awaited<ReturnType<typeof loginAs>>;
const post = async (admin: Admin, action: string, fields: Record<string, string>) =>
  admin.agent
    .post(`/moderation/taxonomie/${action}`)
    .type('form')
    .send({ _csrf: await admin.csrf(), ...fields });
const themesPage = 'thematiques-leviers';

describe('taxonomy (admins)', () => {
  it('when a moderator opens the taxonomy, then access is refused', async () => {
    const mod = await loginAs(app);
    expect((await mod.agent.get('/moderation/taxonomie')).status).toBe(403);
  });

  it('when two themes are merged, then every sheet follows, the counts shown match the database, and filters on the target include the source', async () => {
    const admin = await loginAs(app, { role: 'admin' });
    const [from, into] = ['famille-publics', 'famille-mobilisation-partenaires'];
    const sheets = await SheetModel.find({}, 'themes').lean();
    const expected = sheets.filter(
      (s) => s.themes.includes(from) || s.themes.includes(into),
    ).length;
    expect(sheets.some((s) => s.themes.includes(from))).toBe(true);
    const usesOf = (text: string) =>
      Number(new RegExp(`<code>${into}</code></td>\\s*<td>(\\d+)</td>`).exec(text)![1]);
    // Read before the merge: the counts shown then are those of that moment, not kept after it.
    const before = await admin.agent.get('/moderation/taxonomie');
    expect(usesOf(before.text)).toBe(sheets.filter((s) => s.themes.includes(into)).length);
    expect(usesOf(before.text)).toBeLessThan(expected);
    const res = await admin.agent
      .post('/moderation/taxonomie/fusionner')
      .type('form')
      .send({ _csrf: await admin.csrf(), kind: 'themes', from, into });
    expect(res.status).toBe(303);
    expect(await SheetModel.countDocuments({ themes: from })).toBe(0);
    const after = await SheetModel.find({}, 'themes').lean();
    expect(after.filter((s) => s.themes.includes(into))).toHaveLength(expected);
    expect(after.every((s) => new Set(s.themes).size === s.themes.length)).toBe(true);
    expect(await codesFor('themes', into)).toEqual([into, from]);
    const page = await admin.agent.get('/moderation/taxonomie');
    expect(usesOf(page.text)).toBe(expected);
    expect(page.text).toContain(`Fusionné dans ${into}`);
    expect(await AuditEventModel.countDocuments({ action: 'taxonomy.changed' })).toBe(1);
  });

  it('when a sheet’s themes changed after the merge read them, then the merge still replaces the term on it and keeps that change', async () => {
    const admin = await loginAs(app, { role: 'admin' });
    const [from, into] = ['famille-publics', 'famille-mobilisation-partenaires'];
    await admin.agent.get('/moderation/taxonomie');
    const holders = await SheetModel.find({ themes: from }, 'themes').lean();
    expect(holders.length).toBeGreaterThan(0);
    // Changed behind the processes' backs, as a save landing between the read and the write.
    await SheetModel.collection.updateOne(
      { _id: holders[0]._id },
      { $set: { themes: [from, 'insertion-gup'] } },
    );
    const res = await post(admin, 'fusionner', { kind: 'themes', from, into });
    expect(res.status).toBe(303);
    expect(await SheetModel.countDocuments({ themes: from })).toBe(0);
    const changed = await SheetModel.findById(holders[0]._id, 'themes').lean();
    expect([...changed!.themes].sort()).toEqual([into, 'insertion-gup'].sort());
    for (const other of holders.slice(1)) {
      const after = await SheetModel.findById(other._id, 'themes').lean();
      expect(after!.themes).toContain(into);
    }
  });

  it('when two themes are merged, then the inbox filtered on the kept theme also lists responses that chose the merged one', async () => {
    const admin = await loginAs(app, { role: 'admin' });
    const [from, into] = ['famille-publics', 'famille-mobilisation-partenaires'];
    const old = await insertResponse({ answers: { thematiques: [from] } });
    const listed = async () => (await admin.agent.get(`/moderation?theme=${into}`)).text;
    expect(await listed()).not.toContain(old.reference);
    await admin.agent
      .post('/moderation/taxonomie/fusionner')
      .type('form')
      .send({ _csrf: await admin.csrf(), kind: 'themes', from, into });
    expect(await listed()).toContain(old.reference);
  });

  it('when a term is retired, then it stays on old sheets and is kept when they are saved, but is no longer offered to others', async () => {
    const admin = await loginAs(app, { role: 'admin' });
    const retired = 'insertion-gup';
    await admin.agent
      .post('/moderation/taxonomie/retirer')
      .type('form')
      .send({ _csrf: await admin.csrf(), kind: 'themes', code: retired });
    expect(
      (await TermModel.findOne({ kind: 'themes', code: retired }).lean())!.retiredAt,
    ).toBeInstanceOf(Date);
    const old = await SheetModel.findOne({ themes: retired }).lean();
    const other = await SheetModel.findOne({ themes: { $ne: retired } }).lean();
    const otherEditor = await admin.agent.get(`/moderation/fiches/${other!._id}`);
    expect(otherEditor.text).not.toContain(`value="${retired}"`);
    const oldEditor = await admin.agent.get(`/moderation/fiches/${old!._id}`);
    expect(oldEditor.text).toContain(`value="${retired}"`);
    expect(oldEditor.text).toContain('(retiré)');
    const csrf = /name="_csrf" value="([^"]+)"/.exec(oldEditor.text)![1];
    const saved = await admin.agent
      .post(`/moderation/fiches/${old!._id}`)
      .type('form')
      .send({ ...formOf(old as never), _csrf: csrf });
    expect(saved.status).toBe(303);
    expect((await SheetModel.findById(old!._id).lean())!.themes).toContain(retired);
    // Adding the retired term to another sheet is refused.
    const refused = await admin.agent
      .post(`/moderation/fiches/${other!._id}`)
      .type('form')
      .send({
        ...formOf(other as never),
        themes: [...other!.themes, retired],
        _csrf: csrf,
      });
    expect(refused.status).toBe(422);
  });

  it('when a term is renamed with an empty label, then 422 with the summary; with a label, then it is renamed', async () => {
    const admin = await loginAs(app, { role: 'admin' });
    const bad = await admin.agent
      .post('/moderation/taxonomie/renommer')
      .type('form')
      .send({ _csrf: await admin.csrf(), kind: 'publics', code: 'femmes', label: ' ' });
    expect(bad.status).toBe(422);
    expect(bad.text).toContain('error-summary');
    await admin.agent
      .post('/moderation/taxonomie/renommer')
      .type('form')
      .send({
        _csrf: await admin.csrf(),
        kind: 'publics',
        code: 'femmes',
        label: 'Femmes et jeunes filles',
      });
    expect((await TermModel.findOne({ kind: 'publics', code: 'femmes' }).lean())!.label).toBe(
      'Femmes et jeunes filles',
    );
    await admin.agent
      .post('/moderation/taxonomie/ajouter')
      .type('form')
      .send({ _csrf: await admin.csrf(), kind: 'publics', label: 'Réfugiés' });
    expect(await TermModel.exists({ kind: 'publics', code: 'refugies' })).not.toBeNull();
  });
});

describe('bulk tagging from the list', () => {
  it('when sheets are ticked and a keyword given, then each ticked sheet gets it once; with none ticked, then 422', async () => {
    const mod = await loginAs(app);
    const [a, b, c] = await SheetModel.find({}, '_id').sort({ slug: 1 }).limit(3).lean();
    const none = await mod.agent
      .post('/moderation/fiches/etiquettes')
      .type('form')
      .send({ _csrf: await mod.csrf(), keyword: 'mobilité' });
    expect(none.status).toBe(422);
    expect(none.text).toContain('Cochez au moins une fiche');
    for (let i = 0; i < 2; i++) {
      await mod.agent
        .post('/moderation/fiches/etiquettes')
        .type('form')
        .send({
          _csrf: await mod.csrf(),
          ids: [String(a._id), String(b._id)],
          keyword: 'Mobilité',
        });
    }
    const tagged = await SheetModel.find({ keywords: 'mobilité' }, 'keywords').lean();
    expect(tagged.map((t) => String(t._id)).sort()).toEqual([String(a._id), String(b._id)].sort());
    expect(tagged.every((t) => t.keywords.filter((k) => k === 'mobilité').length === 1)).toBe(true);
    expect((await SheetModel.findById(c._id).lean())!.keywords).not.toContain('mobilité');
  });
});

describe('the vocabularies at run time (stored terms are the one source of labels)', () => {
  it('when an admin renames a theme, then the new label shows on the recueil facets, the practice page, the API, the questionnaire and the inbox filters, and a re-seed keeps it', async () => {
    const sheet = await SheetModel.findOne({
      status: 'publiee',
      themes: 'insertion-gup',
    }).lean();
    const before = (await TermModel.findOne({ kind: 'themes', code: 'insertion-gup' }).lean())!;
    const label = 'Gestion urbaine de proximité renommée par l’admin';
    // Pages rendered and cached before the rename must not keep the old label.
    expect((await request(app).get('/recueil')).text).toContain(before.label);
    const admin = await loginAs(app, { role: 'admin' });
    await post(admin, 'renommer', { kind: 'themes', code: 'insertion-gup', label });

    const facets = (await request(app).get('/recueil')).text;
    expect(facets).toContain(label);
    expect(facets).not.toContain(before.label);
    expect((await request(app).get(`/recueil/${sheet!.slug}`)).text).toContain(label);
    const api = await request(app).get('/api/v1/practices?theme=insertion-gup');
    expect(api.text).toContain(JSON.stringify({ code: 'insertion-gup', label }));
    const respondent = new Respondent(app);
    await respondent.start();
    const questions = (await respondent.agent.get(respondent.path(`/${themesPage}`))).text;
    expect(questions).toContain(label);
    expect(questions).not.toContain(before.label);
    expect((await admin.agent.get('/moderation')).text).toContain(label);

    await seedDatabase({ email: 'admin@exemple.fr' });
    expect((await TermModel.findOne({ kind: 'themes', code: 'insertion-gup' }).lean())!.label).toBe(
      label,
    );
    expect((await request(app).get(`/recueil/${sheet!.slug}`)).text).toContain(label);
  });

  it('when a theme is retired, then the questionnaire no longer offers it, a draft holding it keeps it when saved, another draft cannot choose it, a re-seed keeps it retired, and its published sheets still show its label', async () => {
    const retired = 'insertion-gup';
    const { label } = (await TermModel.findOne({ kind: 'themes', code: retired }).lean())!;
    const holder = new Respondent(app);
    await holder.start();
    expect((await holder.save(themesPage, { thematiques: [retired] })).status).toBe(303);
    const other = new Respondent(app);
    await other.start();
    const admin = await loginAs(app, { role: 'admin' });
    await post(admin, 'retirer', { kind: 'themes', code: retired });

    const offered = (await other.agent.get(other.path(`/${themesPage}`))).text;
    expect(offered).not.toContain(`value="${retired}"`);
    const kept = (await holder.agent.get(holder.path(`/${themesPage}`))).text;
    expect(kept).toMatch(new RegExp(`value="${retired}"[^>]*checked`));
    const resaved = await holder.save(themesPage, {
      thematiques: [retired, 'atelier-a-diversifier'],
    });
    expect(resaved.status).toBe(303);
    const stored = await ResponseModel.findOne({
      tokenHash: createHash('sha256').update(holder.token).digest('hex'),
    }).lean();
    expect(stored!.answers.thematiques).toEqual([retired, 'atelier-a-diversifier']);
    // The check-your-answers page still names it.
    expect((await holder.agent.get(holder.path('/verification'))).text).toContain(label);
    const refused = await other.save(themesPage, { thematiques: [retired] });
    expect(refused.status).toBe(422);
    expect(refused.text).toContain('error-summary');

    await seedDatabase({ email: 'admin@exemple.fr' });
    expect(
      (await TermModel.findOne({ kind: 'themes', code: retired }).lean())!.retiredAt,
    ).toBeInstanceOf(Date);
    const sheet = await SheetModel.findOne({ status: 'publiee', themes: retired }).lean();
    expect((await request(app).get(`/recueil/${sheet!.slug}`)).text).toContain(label);
    expect((await request(app).get('/recueil')).text).toContain(label);
  });

  it('when market families are retired, then the key figures keep one still held by published sheets, with its count, and drop one no published sheet holds', async () => {
    const admin = await loginAs(app, { role: 'admin' });
    await post(admin, 'ajouter', { kind: 'marketFamilies', label: 'Marchés de démonstration' });
    expect((await request(app).get('/chiffres-cles')).text).toContain('Marchés de démonstration');
    await post(admin, 'retirer', { kind: 'marketFamilies', code: 'marches-de-demonstration' });
    await post(admin, 'retirer', { kind: 'marketFamilies', code: 'marches-prives' });
    const figures = (await request(app).get('/chiffres-cles')).text;
    expect(figures).not.toContain('Marchés de démonstration');
    const { label } = (await TermModel.findOne({
      kind: 'marketFamilies',
      code: 'marches-prives',
    }).lean())!;
    const held = await SheetModel.countDocuments({
      status: 'publiee',
      marketFamilies: 'marches-prives',
    });
    expect(held).toBeGreaterThan(0);
    const row = new RegExp(`<t[hd][^>]*>${label}</t[hd]>\\s*<td[^>]*>(\\d+)</td>`).exec(figures);
    expect(Number(row![1])).toBe(held);
  });

  it('when an admin adds a theme, then the questionnaire offers it and the public facets list it once a published sheet has it', async () => {
    const admin = await loginAs(app, { role: 'admin' });
    await post(admin, 'ajouter', { kind: 'themes', label: 'Mobilité des candidats' });
    const respondent = new Respondent(app);
    await respondent.start();
    expect((await respondent.agent.get(respondent.path(`/${themesPage}`))).text).toContain(
      'value="mobilite-des-candidats"',
    );
    expect(
      (
        await respondent.save(themesPage, {
          ...validAnswers[themesPage],
          thematiques: ['mobilite-des-candidats'],
        })
      ).status,
    ).toBe(303);
    expect((await request(app).get('/recueil')).text).not.toContain('Mobilité des candidats');
    const sheet = await SheetModel.findOne({ status: 'publiee' }, '_id').lean();
    const tagged = await admin.agent
      .post('/moderation/fiches/etiquettes')
      .type('form')
      .send({
        _csrf: await admin.csrf(),
        ids: [String(sheet!._id)],
        theme: 'mobilite-des-candidats',
      });
    expect(tagged.status).toBe(303);
    expect((await request(app).get('/recueil')).text).toContain('Mobilité des candidats');
  });
});
