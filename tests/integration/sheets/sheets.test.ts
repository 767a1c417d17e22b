import request from 'supertest';
import { AuditEventModel } from '../../../src/audit/audit.model';
import { SheetModel } from '../../../src/sheets/sheet.model';
import { ResponseModel } from '../../../src/questionnaire/response.model';
import { hashToken } from '../../../src/lib/secret-token';
import { formOf } from '../../../src/sheets/sheet.form';
import { prefillFromResponse, resultMapping, textMapping } from '../../../src/sheets/sheet.prefill';
import { SheetVersionModel } from '../../../src/sheets/sheet-version.model';
import { buildTestApp, captureMailer } from '../../helpers/app';
import { loginAs, type SignedIn } from '../../helpers/auth';
import { clearDatabase, useTestDatabase } from '../../helpers/db';
import { csrfFrom } from '../../helpers/respondent';
import { practiceSheet } from '../../helpers/practices';
import { insertSentResponse, storedAnswers } from '../../helpers/sheets';
import { sheetsWritten } from '../../../src/sheets/sheets-version';

useTestDatabase();
afterEach(clearDatabase);
const mailer = captureMailer();
const { app } = buildTestApp({}, { mailer });

/** Presses « Préparer la fiche » on a response; returns the new sheet's id. */
async function prepare(mod: SignedIn, responseId: string): Promise<string> {
  const res = await mod.agent
    .post(`/moderation/reponses/${responseId}/fiche`)
    .type('form')
    .send({ _csrf: await mod.csrf() });
  expect(res.status).toBe(303);
  return res.headers.location.split('/').pop()!;
}

/** The editor's form as loaded, with some fields changed. */
async function editorForm(mod: SignedIn, id: string, changes: Record<string, string> = {}) {
  const page = await mod.agent.get(`/moderation/fiches/${id}`);
  const sheet = await SheetModel.findById(id).lean();
  return {
    ...formOf(sheet as never),
    _csrf: csrfFrom(page.text),
    ...changes,
  };
}

const post = (mod: SignedIn, path: string, form: Record<string, unknown>) =>
  mod.agent.post(path).type('form').send(form);

describe('sheets from responses', () => {
  it('when a sheet is prepared from a response, then the response is byte-for-byte unchanged and every mapped answer is on the sheet', async () => {
    const mod = await loginAs(app);
    const { id } = await insertSentResponse();
    const before = await ResponseModel.collection.findOne({
      _id: new (await import('mongoose')).Types.ObjectId(id),
    });
    const first = await prepare(mod, id);
    const second = await prepare(mod, id);
    const after = await ResponseModel.collection.findOne({ _id: before!._id });
    expect(JSON.stringify(after)).toBe(JSON.stringify(before));

    expect(first).not.toBe(second);
    const sheet = await SheetModel.findById(first).lean();
    const answers = storedAnswers as Record<string, unknown>;
    for (const [question, field] of Object.entries(textMapping)) {
      expect((sheet as Record<string, unknown>)[field]).toBe(answers[question]);
    }
    for (const [question, field] of Object.entries(resultMapping)) {
      if (answers[question] !== undefined) {
        expect((sheet!.results as Record<string, unknown>)[field]).toBe(answers[question]);
      }
    }
    expect(sheet!.themes).toEqual(storedAnswers.thematiques);
    expect(sheet!.legalLevers).toEqual(storedAnswers.leviersJuridiques);
    expect(sheet!.marketFamilies).toEqual(storedAnswers.famillesMarches);
    expect(sheet!.publics).toEqual(storedAnswers.publicsCibles);
    expect(sheet!.region).toBe('24');
    expect(sheet!.communes).toEqual(storedAnswers.territoire.communes);
    expect(sheet!.qpv[0].code).toBe('QP045004');
    expect(sheet!.contact).toEqual({ name: 'Camille Martin', email: 'camille.martin@exemple.fr' });
    expect(sheet!.origin?.kind).toBe('reponse');
    expect(sheet!.approval?.required).toBe(true);
    expect(sheet!.status).toBe('brouillon');
  });

  it('when the respondent chose « structure seulement » or anonymity, then no personal contact and no structure name are copied', () => {
    const onlyStructure = prefillFromResponse({
      answers: { ...storedAnswers, contactPublic: 'structure-seulement' },
    });
    expect(onlyStructure.contact).toEqual({});
    const anonymous = prefillFromResponse({
      answers: { ...storedAnswers, consentementPublication: 'oui-anonyme' },
    });
    expect(anonymous.contact).toEqual({});
    expect(anonymous.structureName).not.toContain('PLIE');
  });

  it('when the editor is saved with errors, then 422 with the summary, values kept and nothing stored', async () => {
    const mod = await loginAs(app);
    const { id } = await insertSentResponse();
    const sheetId = await prepare(mod, id);
    const form = await editorForm(mod, sheetId, {
      title: '',
      summary: 'Résumé <b>gardé</b>',
      department: '99',
    });
    const res = await post(mod, `/moderation/fiches/${sheetId}`, form);
    expect(res.status).toBe(422);
    expect(res.text).toContain('error-summary');
    expect(res.text).toContain('Saisissez : Titre');
    expect(res.text).toContain('Résumé &lt;b&gt;gardé&lt;/b&gt;');
    const stored = await SheetModel.findById(sheetId).lean();
    expect(stored!.revision).toBe(0);
    expect(stored!.title).toBe(storedAnswers.titrePratique);
  });

  it('when two moderators save one sheet at once, then one wins and the other is told', async () => {
    const [a, b] = await Promise.all([loginAs(app), loginAs(app)]);
    const { id } = await insertSentResponse();
    const sheetId = await prepare(a, id);
    const formA = await editorForm(a, sheetId, { title: 'Version de A' });
    const formB = await editorForm(b, sheetId, { title: 'Version de B' });
    const [ra, rb] = await Promise.all([
      post(a, `/moderation/fiches/${sheetId}`, formA),
      post(b, `/moderation/fiches/${sheetId}`, formB),
    ]);
    const statuses = [ra.status, rb.status].sort();
    expect(statuses).toEqual([303, 409]);
    const loser = ra.status === 409 ? ra : rb;
    expect(loser.text).toContain('Quelqu’un a enregistré cette fiche');
    const stored = await SheetModel.findById(sheetId).lean();
    expect(stored!.revision).toBe(1);
    expect(stored!.title).toBe(ra.status === 303 ? 'Version de A' : 'Version de B');
  });

  it('when the slug changes, then the old public address redirects with 301 to the new one', async () => {
    const mod = await loginAs(app);
    const sheet = await SheetModel.create({
      slug: 'ancienne-adresse',
      title: 'Fiche',
      summary: 'Résumé',
      structureName: 'S',
      actorType: 'plie',
      region: '24',
      department: '45',
      themes: ['atelier-a-diversifier'],
      status: 'publiee',
    });
    const form = await editorForm(mod, String(sheet._id), { slug: 'nouvelle-adresse' });
    expect((await post(mod, `/moderation/fiches/${sheet._id}`, form)).status).toBe(303);
    const res = await mod.agent.get('/recueil/ancienne-adresse');
    expect(res.status).toBe(301);
    expect(res.headers.location).toBe('/recueil/nouvelle-adresse');
    expect((await mod.agent.get('/recueil/nouvelle-adresse')).status).toBe(200);
  });

  it('when a sheet is edited, then each version says who and what, and two versions can be compared', async () => {
    const mod = await loginAs(app);
    const { id } = await insertSentResponse();
    const sheetId = await prepare(mod, id);
    await post(
      mod,
      `/moderation/fiches/${sheetId}`,
      await editorForm(mod, sheetId, { title: 'Nouveau titre' }),
    );
    const versions = await SheetVersionModel.find({ sheetId }).sort({ at: 1 }).lean();
    expect(versions.map((v) => v.action)).toEqual(['creation', 'modification']);
    expect(versions[1].changed).toEqual(['title']);
    // Every key figure and the amount survive a save through the editor.
    const saved = await SheetModel.findById(sheetId).lean();
    expect(saved!.results?.under26).toBe(storedAnswers.participantsMoins26);
    expect(saved!.results?.qpvResidents).toBe(storedAnswers.participantsQpv);
    expect(saved!.amountEur).toBe(storedAnswers.montantMarches);
    expect(versions[1].by?.email).toBe(mod.user.email);
    const page = await mod.agent.get(
      `/moderation/fiches/${sheetId}/versions?a=${versions[0]._id}&b=${versions[1]._id}`,
    );
    expect(page.status).toBe(200);
    expect(page.text).toContain('Nouveau titre');
    expect(page.text).toContain(storedAnswers.titrePratique);
  });

  it('when the editor changes the communes, the QPV and NPNRU, then they are stored and listed in the version; a commune of another département or a malformed QPV gives 422 with the values kept and nothing stored', async () => {
    const mod = await loginAs(app);
    const { id } = await insertSentResponse();
    const sheetId = await prepare(mod, id);
    const prepared = await SheetModel.findById(sheetId).lean();
    expect(prepared!.communes).toEqual([{ code: '45234', name: 'Orléans' }]);
    const editor = await mod.agent.get(`/moderation/fiches/${sheetId}`);
    expect(editor.text).toContain('value="45234"');
    expect(editor.text).toContain('QP045004 La Source');

    const bad = await post(
      mod,
      `/moderation/fiches/${sheetId}`,
      await editorForm(mod, sheetId, { communes: '45234, 75056', qpv: 'QP045004 La Source\nXX12' }),
    );
    expect(bad.status).toBe(422);
    expect(bad.text).toContain('error-summary');
    expect(bad.text).toContain('code INSEE inconnu dans le département 45 : 75056');
    expect(bad.text).toContain('QPV, ligne 2');
    expect(bad.text).toContain('value="45234, 75056"');
    expect(await SheetModel.findById(sheetId).lean()).toEqual(prepared);

    const form = await editorForm(mod, sheetId, {
      communes: '45234, 45284',
      qpv: 'QP045004 La Source\nqn04501a Les Salmonies',
    });
    const saved = await post(mod, `/moderation/fiches/${sheetId}`, { ...form, npnru: 'oui' });
    expect(saved.status).toBe(303);
    const after = await SheetModel.findById(sheetId).lean();
    expect(after!.communes).toEqual([
      { code: '45234', name: 'Orléans' },
      { code: '45284', name: 'Saint-Jean-de-Braye' },
    ]);
    expect(after!.qpv).toEqual([
      { code: 'QP045004', name: 'La Source', generation: 2015 },
      { code: 'QN04501A', name: 'Les Salmonies', generation: 2024 },
    ]);
    expect(after!.npnru).toBe(true);
    const version = await SheetVersionModel.findOne({ sheetId, action: 'modification' }).lean();
    expect(version!.changed).toEqual(expect.arrayContaining(['communes', 'qpv']));
    expect((await mod.agent.get(`/moderation/fiches/${sheetId}/apercu`)).text).toContain(
      'Saint-Jean-de-Braye',
    );
  });

  it('when the list is filtered by status and searched, then only matching sheets show, and another région’s sheet is not found', async () => {
    const mod = await loginAs(app, { regions: ['24'] });
    const base = {
      summary: 'R',
      structureName: 'S',
      actorType: 'plie',
      department: '45',
      themes: ['atelier-a-diversifier'],
    };
    await SheetModel.create([
      { ...base, slug: 'a', title: 'Chantier école', region: '24', status: 'publiee' },
      { ...base, slug: 'b', title: 'Guichet clause', region: '24', status: 'brouillon' },
      {
        ...base,
        slug: 'c',
        title: 'Guichet Bretagne',
        region: '53',
        department: '35',
        status: 'brouillon',
      },
    ]);
    const drafts = await mod.agent.get('/moderation/fiches?statut=brouillon');
    expect(drafts.text).toContain('Guichet clause');
    expect(drafts.text).not.toContain('Chantier école');
    expect(drafts.text).not.toContain('Guichet Bretagne');
    expect(drafts.text).toContain('1 fiche');
    const search = await mod.agent.get('/moderation/fiches?q=chantier&statut=nimporte');
    expect(search.text).toContain('Chantier école');
    expect(search.text).not.toContain('Guichet clause');
    const other = await SheetModel.findOne({ slug: 'c' }).lean();
    expect((await mod.agent.get(`/moderation/fiches/${other!._id}`)).status).toBe(404);
  });
});

describe('sheets list', () => {
  it('when 250 sheets match, then the list says 250 and shows them 100 per page, the filters kept from page to page', async () => {
    const drafts = Array.from({ length: 250 }, (_, i) =>
      practiceSheet(`liste-${i}`, {
        status: 'brouillon',
        updatedAt: new Date(Date.UTC(2026, 0, 1, 0, i)),
      }),
    );
    await SheetModel.collection.insertMany([
      ...drafts,
      practiceSheet('liste-publiee', { status: 'publiee' }),
    ]);
    await sheetsWritten();
    const mod = await loginAs(app, { role: 'admin' });
    const rows = (html: string) => html.match(/name="ids" value=/g)?.length ?? 0;
    const first = await mod.agent.get('/moderation/fiches?statut=brouillon');
    expect(first.text).toContain('250 fiches, page 1 sur 3');
    expect(rows(first.text)).toBe(100);
    // Last modified first.
    expect(first.text.indexOf('Fiche liste-249')).toBeLessThan(
      first.text.indexOf('Fiche liste-248'),
    );
    expect(first.text).toContain(
      'href="/moderation/fiches?statut=brouillon&amp;page=2" rel="next"',
    );
    const last = await mod.agent.get('/moderation/fiches?statut=brouillon&page=3');
    expect(rows(last.text)).toBe(50);
    expect(last.text).toContain('Fiche liste-0');
    expect(last.text).not.toContain('rel="next"');
    const beyond = await mod.agent.get('/moderation/fiches?statut=brouillon&page=40');
    expect(beyond.text).toContain('page 3 sur 3');
    const all = await mod.agent.get('/moderation/fiches');
    expect(all.text).toContain(`${(251).toLocaleString('fr-FR')} fiches, page 1 sur 3`);
  });
});

describe('author approval', () => {
  async function readyForApproval() {
    const mod = await loginAs(app);
    const response = await insertSentResponse();
    const sheetId = await prepare(mod, response.id);
    const page = await mod.agent.get(`/moderation/fiches/${sheetId}`);
    const res = await post(mod, `/moderation/fiches/${sheetId}/validation`, {
      _csrf: csrfFrom(page.text),
      revision: '0',
    });
    expect(res.status).toBe(303);
    return { mod, response, sheetId };
  }
  const approvalPath = (token: string, sheetId: string) =>
    `/questionnaire/reprendre/${token}/fiches/${sheetId}`;
  async function answer(token: string, sheetId: string, fields: Record<string, string>) {
    const agent = (await import('supertest')).default.agent(app);
    const page = await agent.get(approvalPath(token, sheetId));
    expect(page.status).toBe(200);
    return agent
      .post(approvalPath(token, sheetId))
      .type('form')
      .send({ _csrf: csrfFrom(page.text), ...fields });
  }
  const publishNow = async (mod: SignedIn, sheetId: string) => {
    const sheet = await SheetModel.findById(sheetId).lean();
    return post(mod, `/moderation/fiches/${sheetId}/publier`, {
      _csrf: await mod.csrf(),
      revision: String(sheet!.revision),
    });
  };

  it('when publishing without the author’s approval, then it is refused; after « Je valide », publishing works', async () => {
    const { mod, response, sheetId } = await readyForApproval();
    expect(mailer.sent.at(-1)?.to).toBe('camille.martin@exemple.fr');
    const resumePage = await (
      await import('supertest')
    )
      .default(app)
      .get(`/questionnaire/reprendre/${response.token}`);
    expect(resumePage.text).toContain(approvalPath(response.token, sheetId));

    await publishNow(mod, sheetId);
    expect((await SheetModel.findById(sheetId).lean())!.status).toBe('en-attente');
    expect((await mod.agent.get(`/moderation/fiches/${sheetId}`)).text).toContain(
      'l’auteur n’a pas validé',
    );

    expect(
      (await answer(response.token, sheetId, { decision: 'valider', revision: '0' })).status,
    ).toBe(303);
    expect((await SheetModel.findById(sheetId).lean())!.approval?.state).toBe('validee');
    await publishNow(mod, sheetId);
    const published = await SheetModel.findById(sheetId).lean();
    expect(published!.status).toBe('publiee');
    expect(published!.firstPublishedAt).toBeInstanceOf(Date);
    const actions = (await AuditEventModel.find({}, 'action').lean()).map((e) => e.action);
    expect(actions).toEqual(
      expect.arrayContaining(['sheet.approval-requested', 'sheet.approved', 'sheet.published']),
    );
  });

  it('when a published sheet is unpublished and published again, then it keeps the date of its first publication', async () => {
    const { mod, response, sheetId } = await readyForApproval();
    await answer(response.token, sheetId, { decision: 'valider', revision: '0' });
    expect((await publishNow(mod, sheetId)).status).toBe(303);
    const first = (await SheetModel.findById(sheetId).lean())!;
    expect(first.firstPublishedAt).toEqual(first.publishedAt);
    await new Promise((r) => setTimeout(r, 20));
    expect(
      (await post(mod, `/moderation/fiches/${sheetId}/depublier`, { _csrf: await mod.csrf() }))
        .status,
    ).toBe(303);
    expect((await publishNow(mod, sheetId)).status).toBe(303);
    const again = (await SheetModel.findById(sheetId).lean())!;
    expect(again.status).toBe('publiee');
    expect(again.firstPublishedAt).toEqual(first.firstPublishedAt);
    expect(again.publishedAt!.getTime()).toBeGreaterThan(first.publishedAt!.getTime());
  });

  it('when the sheet is edited after approval, then approval is asked again and publishing is refused until then', async () => {
    const { mod, response, sheetId } = await readyForApproval();
    await answer(response.token, sheetId, { decision: 'valider', revision: '0' });
    const sent = mailer.sent.length;
    await post(
      mod,
      `/moderation/fiches/${sheetId}`,
      await editorForm(mod, sheetId, { title: 'Titre retouché' }),
    );
    const sheet = await SheetModel.findById(sheetId).lean();
    expect(sheet!.approval?.state).toBe('demandee');
    expect(sheet!.approval?.revision).toBe(1);
    expect(mailer.sent.length).toBe(sent + 1);
    await publishNow(mod, sheetId);
    expect((await SheetModel.findById(sheetId).lean())!.status).not.toBe('publiee');
  });

  it('when a published sheet is edited, then it leaves publication until its author approves the new version', async () => {
    const { mod, response, sheetId } = await readyForApproval();
    await answer(response.token, sheetId, { decision: 'valider', revision: '0' });
    await publishNow(mod, sheetId);
    const published = await SheetModel.findById(sheetId).lean();
    expect(published!.status).toBe('publiee');
    await post(
      mod,
      `/moderation/fiches/${sheetId}`,
      await editorForm(mod, sheetId, { summary: 'Résumé retouché' }),
    );
    const edited = await SheetModel.findById(sheetId).lean();
    expect(edited!.status).toBe('en-attente');
    expect(edited!.approval?.state).toBe('demandee');
    expect((await mod.agent.get(`/recueil/${edited!.slug}`)).status).toBe(404);
    await answer(response.token, sheetId, {
      decision: 'valider',
      revision: String(edited!.revision),
    });
    await publishNow(mod, sheetId);
    expect((await SheetModel.findById(sheetId).lean())!.status).toBe('publiee');
  });

  it('when the author asks for a change, then the moderator sees the comment and who waits for whom', async () => {
    const { mod, response, sheetId } = await readyForApproval();
    const empty = await answer(response.token, sheetId, {
      decision: 'modifier',
      revision: '0',
      comment: '',
    });
    expect(empty.status).toBe(422);
    await answer(response.token, sheetId, {
      decision: 'modifier',
      revision: '0',
      comment: 'Ajoutez le nom du bailleur.',
    });
    const editor = await mod.agent.get(`/moderation/fiches/${sheetId}`);
    expect(editor.text).toContain('Ajoutez le nom du bailleur.');
    const toModerator = mailer.sent.at(-1)!;
    expect(toModerator.to).toBe(mod.user.email);
    expect(toModerator.subject).toContain('Modification demandée');
    expect(toModerator.text).toContain('Ajoutez le nom du bailleur.');
    expect(editor.text).toContain('L’auteur attend une modification de l’équipe');
    expect(await AuditEventModel.countDocuments({ action: 'sheet.change-requested' })).toBe(1);
  });

  it('when the respondent consented to publication without review, then the sheet publishes without approval', async () => {
    const mod = await loginAs(app);
    const response = await insertSentResponse({
      ...storedAnswers,
      publicationSansRelecture: 'oui',
    });
    const sheetId = await prepare(mod, response.id);
    expect((await SheetModel.findById(sheetId).lean())!.approval?.required).toBe(false);
    await publishNow(mod, sheetId);
    expect((await SheetModel.findById(sheetId).lean())!.status).toBe('publiee');
  });

  it('when two moderators publish the same approved sheet at once, then it is published once', async () => {
    const { mod, response, sheetId } = await readyForApproval();
    await answer(response.token, sheetId, { decision: 'valider', revision: '0' });
    await Promise.all([publishNow(mod, sheetId), publishNow(mod, sheetId)]);
    expect((await SheetModel.findById(sheetId).lean())!.status).toBe('publiee');
    expect(await AuditEventModel.countDocuments({ action: 'sheet.published' })).toBe(1);
    expect(await SheetVersionModel.countDocuments({ sheetId, action: 'publication' })).toBe(1);
  });

  it('when another response’s token is used, then the approval page is not found', async () => {
    const { sheetId } = await readyForApproval();
    const other = await insertSentResponse();
    const res = await (
      await import('supertest')
    )
      .default(app)
      .get(approvalPath(other.token, sheetId));
    expect(res.status).toBe(404);
  });

  /** The approval link of the last e-mail to the respondent, and its answer through it. */
  const approvalLink = () => mailer.linkTo('camille.martin@exemple.fr');
  async function answerByLink(link: string, fields: Record<string, string>) {
    const agent = request.agent(app);
    const page = await agent.get(link);
    expect(page.status).toBe(200);
    return agent
      .post(link)
      .type('form')
      .send({ _csrf: csrfFrom(page.text), ...fields });
  }

  it('when the author follows the approval e-mail’s link, then it opens that sheet’s approval page and « Je valide » there approves it; only the link’s hash is stored', async () => {
    const { mod, sheetId } = await readyForApproval();
    const link = approvalLink();
    expect(link).toMatch(/^\/fiches\/validation\/[\w-]{43}$/);
    const page = await request(app).get(link);
    expect(page.status).toBe(200);
    expect(page.headers['cache-control']).toBe('no-store');
    expect(page.text).toContain(storedAnswers.titrePratique);
    expect(page.text).toContain(`action="${link}"`);
    const token = link.split('/').pop()!;
    const stored = await SheetModel.findById(sheetId).lean();
    expect(stored!.approval?.tokenHash).toBe(hashToken(token));
    expect(JSON.stringify(stored)).not.toContain(token);
    expect((await request(app).get('/robots.txt')).text).toContain('Disallow: /fiches/validation/');
    expect((await answerByLink(link, { decision: 'valider', revision: '0' })).status).toBe(303);
    expect((await SheetModel.findById(sheetId).lean())!.approval?.state).toBe('validee');
    await publishNow(mod, sheetId);
    expect((await SheetModel.findById(sheetId).lean())!.status).toBe('publiee');
  });

  it('when an approval link is used for another sheet, on the resume path, after a newer e-mail replaced it, or after it expired, then it opens nothing', async () => {
    const first = await readyForApproval();
    const firstLink = approvalLink();
    const second = await readyForApproval();
    const secondLink = approvalLink();
    // Each link answers for its own sheet only.
    await answerByLink(secondLink, { decision: 'valider', revision: '0' });
    expect((await SheetModel.findById(first.sheetId).lean())!.approval?.state).toBe('demandee');
    expect((await SheetModel.findById(second.sheetId).lean())!.approval?.state).toBe('validee');
    // Single purpose: not a resume link.
    const firstToken = firstLink.split('/').pop()!;
    expect((await request(app).get(approvalPath(firstToken, first.sheetId))).status).toBe(404);
    // The reminder carries a new link, which replaces the first.
    await post(first.mod, `/moderation/fiches/${first.sheetId}/relance`, {
      _csrf: await first.mod.csrf(),
    });
    const reminderLink = approvalLink();
    expect(reminderLink).not.toBe(firstLink);
    expect((await request(app).get(firstLink)).status).toBe(404);
    expect((await request(app).get(reminderLink)).status).toBe(200);
    await SheetModel.updateOne(
      { _id: first.sheetId },
      { $set: { 'approval.tokenExpiresAt': new Date(Date.now() - 1000) } },
    );
    expect((await request(app).get(reminderLink)).status).toBe(404);
    expect((await request(app).get('/fiches/validation/pas-un-jeton')).status).toBe(404);
  });

  it('when the moderator reminds the author twice, then only one reminder is sent and it is logged', async () => {
    const { mod, sheetId } = await readyForApproval();
    const sent = mailer.sent.length;
    await post(mod, `/moderation/fiches/${sheetId}/relance`, { _csrf: await mod.csrf() });
    await post(mod, `/moderation/fiches/${sheetId}/relance`, { _csrf: await mod.csrf() });
    expect(mailer.sent.length).toBe(sent + 1);
    expect(mailer.sent.at(-1)?.subject).toContain('Rappel');
    expect(await AuditEventModel.countDocuments({ action: 'sheet.approval-reminded' })).toBe(1);
  });
});
