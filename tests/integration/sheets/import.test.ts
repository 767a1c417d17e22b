import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import request from 'supertest';
import { AuditEventModel } from '../../../src/audit/audit.model';
import { ImportBatchModel } from '../../../src/import/import-batch.model';
import { rootDir } from '../../../src/lib/paths';
import { SheetModel } from '../../../src/sheets/sheet.model';
import { ResponseModel } from '../../../src/questionnaire/response.model';
import { buildTestApp } from '../../helpers/app';
import { loginAs, type SignedIn } from '../../helpers/auth';
import { clearDatabase, useTestDatabase } from '../../helpers/db';
import { runCli } from '../../helpers/cli';
import { binary } from '../../helpers/csv';
import { csrfFrom } from '../../helpers/respondent';
import { practiceSheet } from '../../helpers/practices';
import { insertSentResponse } from '../../helpers/sheets';
import { importFromCli } from '../../../src/import';

const { name } = useTestDatabase();
afterEach(clearDatabase);
const { app } = buildTestApp();
const examples = path.join(rootDir, 'seeds', 'examples');

/** Uploads a file on the import form; returns the preview page. */
async function preview(mod: SignedIn, kind: string, file: Buffer, filename: string) {
  const form = await mod.agent.get('/moderation/import');
  const res = await mod.agent
    .post(`/moderation/import?_csrf=${encodeURIComponent(csrfFrom(form.text))}`)
    .field('kind', kind)
    .attach('fichier', file, filename);
  if (res.status !== 303) return res;
  return mod.agent.get(res.headers.location);
}
/** The batch page until its import has ended (the job runs after the request answered). */
async function finished(mod: SignedIn, batchPage: string) {
  for (let i = 0; i < 300; i++) {
    const page = await mod.agent.get(batchPage);
    if (!page.text.includes('data-state="en-cours"')) return page;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`${batchPage} still in progress`);
}
/** Confirms a preview; when the import started, waits for it to end. */
async function confirm(mod: SignedIn, page: { text: string }, mode?: string) {
  const action = /<form method="post" action="(\/moderation\/import\/[a-f0-9]{24})"/.exec(
    page.text,
  )![1];
  const res = await mod.agent
    .post(action)
    .type('form')
    .send({ _csrf: csrfFrom(page.text), ...(mode && { mode }) });
  if (res.status === 303) await finished(mod, res.headers.location);
  return res;
}
const read = (file: string) => fs.readFileSync(path.join(examples, file));

const header = 'cle;titre;resume;structure;type_structure;region;departement;thematiques';

/** Rows of an import file (JSON), each with a key of its own. */
const volumeRows = (kind: string, count: number, title: (i: number) => string) =>
  Array.from({ length: count }, (_, i) => ({
    cle: `${kind}-volume-${i}`,
    titre: title(i),
    resume: `Résumé de la ligne ${i}`,
    structure: `Structure ${i}`,
    type_structure: 'plie',
    region: '24',
    departement: '45',
    thematiques: ['insertion-gup'],
  }));

describe('import', () => {
  it('when a file names communes, modalities by their label, women and QPV residents, then the sheet holds them; a commune of another département, a number of women above the participants or an unknown label is refused by its line', async () => {
    const mod = await loginAs(app);
    const file = [
      `${header};communes;modalites;participants;femmes;habitants_qpv;perspectives;familles_marches`,
      // Labels typed as people do: another case, no accents.
      'lab-1;Titre;Résumé;Structure;Plan local pour l’insertion et l’emploi (PLIE);24;45;insertion-gup;45234;"EMBAUCHE DIRECTE (CDD, CDI) ; mise-a-disposition-geiq";20;8;11;Continuer.;travaux (btp, demolition, rehabilitation)',
      'lab-2;Titre;Résumé;Structure;plie;24;45;insertion-gup;37261;;;;;;',
      'lab-3;Titre;Résumé;Structure;plie;24;45;insertion-gup;;;5;6;;;',
      'lab-4;Titre;Résumé;Structure;plie;24;45;insertion-gup;;Embauche indirecte;;;;;',
    ].join('\n');
    const page = await preview(mod, 'fiches', Buffer.from(file), 'libelles.csv');
    expect(page.text).toContain('dont 1 valide et 3 en erreur');
    expect(page.text).toContain('Ligne 3 : communes : « 37261 » hors du département 45.');
    expect(page.text).toContain('Ligne 4 : femmes : 6 est plus que les 5 participants.');
    expect(page.text).toContain(
      'Ligne 5 : modalites : code ou libellé inconnu « Embauche indirecte »',
    );
    expect((await confirm(mod, page, 'lignes-valides')).status).toBe(303);
    const [sheet] = await SheetModel.find({}).lean();
    expect(sheet.actorType).toBe('plie');
    expect(sheet.communes).toEqual([{ code: '45234', name: 'Orléans' }]);
    expect(sheet.modalities).toEqual(['embauche-directe', 'mise-a-disposition-geiq']);
    expect(sheet.marketFamilies).toEqual(['travaux']);
    expect(sheet.results).toMatchObject({ participants: 20, women: 8, qpvResidents: 11 });
    expect(sheet.nextSteps).toBe('Continuer.');
  });

  it('when imported drafts are ticked in the list and published together, then each is public; a sheet awaiting its author stays, named in the message', async () => {
    const mod = await loginAs(app);
    const page = await preview(mod, 'fiches', read('fiches.csv'), 'fiches.csv');
    expect((await confirm(mod, page)).status).toBe(303);
    const waiting = await insertSentResponse();
    const prepared = await mod.agent
      .post(`/moderation/reponses/${waiting.id}/fiche`)
      .type('form')
      .send({ _csrf: await mod.csrf() });
    expect(prepared.status).toBe(303);
    const drafts = await SheetModel.find({}, '_id title origin').lean();
    expect(drafts).toHaveLength(3);
    const list = await mod.agent.get('/moderation/fiches');
    expect(list.text).toContain('formaction="/moderation/fiches/publication"');
    const res = await mod.agent
      .post('/moderation/fiches/publication')
      .type('form')
      .send({ _csrf: csrfFrom(list.text), ids: drafts.map((d) => String(d._id)) });
    expect(res.status).toBe(303);
    const after = await mod.agent.get('/moderation/fiches');
    const fromResponse = drafts.find((d) => d.origin?.kind === 'reponse')!;
    expect(after.text).toContain(`2 fiches publiées. Non publiées : « ${fromResponse.title} »`);
    const stored = await SheetModel.find({}, 'status origin').lean();
    expect(stored.filter((s) => s.status === 'publiee').map((s) => s.origin?.kind)).toEqual([
      'import',
      'import',
    ]);
    const recueil = await request(app).get('/recueil');
    expect(recueil.text).toContain('un chantier école sur la réhabilitation');
    // Nothing ticked: said, nothing published.
    const none = await mod.agent
      .post('/moderation/fiches/publication')
      .type('form')
      .send({ _csrf: csrfFrom(list.text) });
    expect(none.status).toBe(422);
    expect(none.text).toContain('Cochez au moins une fiche');
  });

  it('when the import page is opened, then it offers the sample files as downloads and lists the values each list column accepts', async () => {
    const mod = await loginAs(app);
    const page = await mod.agent.get('/moderation/import');
    for (const name of ['fiches.csv', 'fiches.xlsx', 'reponses.json']) {
      expect(page.text).toContain(`href="/moderation/import/exemples/${name}"`);
      const file = await mod.agent
        .get(`/moderation/import/exemples/${name}`)
        .buffer(true)
        .parse(binary);
      expect(file.status).toBe(200);
      expect(file.headers['content-disposition']).toContain(`exemple-${name}`);
      expect((file.body as Buffer).equals(read(name))).toBe(true);
    }
    expect((await mod.agent.get('/moderation/import/exemples/..%2Fpackage.json')).status).toBe(404);
    expect((await mod.agent.get('/moderation/import/exemples/meetings.json')).status).toBe(404);
    expect(page.text).toContain('id="valeurs-modalites"');
    expect(page.text).toContain(
      '<td><code>embauche-directe</code></td><td>Embauche directe (CDD, CDI)</td>',
    );
  });

  it.each([
    ['fiches', 'fiches.csv', 2],
    ['fiches', 'fiches.xlsx', 2],
    ['reponses', 'reponses.json', 2],
  ])(
    'when the sample %s file %s is imported twice, then its rows exist once, marked with their source',
    async (kind, file, rows) => {
      const mod = await loginAs(app);
      const model = kind === 'fiches' ? SheetModel : ResponseModel;
      for (let round = 0; round < 2; round++) {
        const page = await preview(mod, kind, read(file), file);
        expect(page.text).toContain(`dont ${rows} valides et 0 en erreur`);
        expect((await confirm(mod, page)).status).toBe(303);
      }
      const stored = await (model as typeof SheetModel).find({}).lean();
      expect(stored).toHaveLength(rows);
      if (kind === 'fiches') {
        expect(
          stored.every((s) => s.origin?.kind === 'import' && s.origin.importSource === file),
        ).toBe(true);
        expect(stored.every((s) => s.status === 'brouillon')).toBe(true);
      } else {
        const responses = await ResponseModel.find({}).lean();
        expect(
          responses.every((r) => r.importSource === file && r.status === 'envoyee' && r.reference),
        ).toBe(true);
        expect(responses[0].answers.thematiques).toEqual([
          'insertion-gup',
          'atelier-c-mobiliser-habitants',
        ]);
        expect(responses[0].answers.participantesFemmes).toBe(5);
        expect(responses[0].answers.periodeResultats).toBe('année 2022');
        // Imported responses are listed in the inbox like sent ones.
        const inbox = await mod.agent.get('/moderation');
        for (const r of responses) expect(inbox.text).toContain(r.reference!);
      }
    },
  );

  it('when the same preview is confirmed twice at once, then its rows are imported once', async () => {
    const mod = await loginAs(app);
    const page = await preview(mod, 'fiches', read('fiches.csv'), 'fiches.csv');
    const results = await Promise.all([confirm(mod, page), confirm(mod, page)]);
    expect(results.map((r) => r.status).sort()).toEqual([303, 422]);
    expect(await SheetModel.countDocuments()).toBe(2);
  });

  it.each([
    ['fiches', 'fiches.csv'],
    ['reponses', 'reponses.json'],
  ])(
    'when two previews of the same %s file are confirmed at the same instant, then each row exists once and both imports end without error',
    async (kind, file) => {
      const mod = await loginAs(app);
      const pages = [
        await preview(mod, kind, read(file), file),
        await preview(mod, kind, read(file), file),
      ];
      const results = await Promise.all(pages.map((page) => confirm(mod, page)));
      expect(results.map((r) => r.status)).toEqual([303, 303]);
      const keys =
        kind === 'fiches'
          ? (await SheetModel.find({}, 'origin').lean()).map((s) => s.origin?.importKey)
          : (await ResponseModel.find({}, 'importKey').lean()).map((r) => r.importKey);
      expect(keys).toHaveLength(2);
      expect(new Set(keys).size).toBe(2);
      const done = await ImportBatchModel.find({}, 'result').lean();
      expect(done.map((b) => b.result?.created ?? 0).reduce((a, b) => a + b, 0)).toBe(2);
    },
  );

  it('when a file has bad rows, then they are listed in French and nothing is imported unless « importer les lignes valides »', async () => {
    const mod = await loginAs(app);
    const csv = [
      header,
      'ok-1;Bonne ligne;Résumé;PLIE;plie;24;45;atelier-a-diversifier',
      'ko-1;;Résumé;PLIE;plie;99;45;theme-inconnu',
      'ko-2;Ligne;Résumé;PLIE;plie;24;75;atelier-a-diversifier',
    ].join('\n');
    const page = await preview(mod, 'fiches', Buffer.from(csv), 'mauvais.csv');
    expect(page.text).toContain('Ligne 3 : colonne « titre » vide');
    expect(page.text).toContain('code ou libellé inconnu « theme-inconnu »');
    expect(page.text).toContain(
      'Ligne 4 : departement : « 75 » n’est pas un département de la région',
    );
    const refused = await mod.agent
      .post(/action="(\/moderation\/import\/[a-f0-9]{24})"/.exec(page.text)![1])
      .type('form')
      .send({ _csrf: csrfFrom(page.text) });
    expect(refused.status).toBe(422);
    expect(await SheetModel.countDocuments()).toBe(0);
    expect((await confirm(mod, page, 'lignes-valides')).status).toBe(303);
    expect((await SheetModel.find({}, 'title').lean()).map((p) => p.title)).toEqual([
      'Bonne ligne',
    ]);
  });

  it('when every column holds hostile content (script tags, formulas), then it is stored as text and shown inert', async () => {
    const mod = await loginAs(app);
    const xss = '<script>alert(1)</script>';
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('x');
    ws.addRow(header.split(';').concat(['contexte', 'mots_cles']));
    ws.addRow([
      'k1',
      { formula: 'HYPERLINK("http://evil.example","clic")' },
      xss,
      `${xss}"><img src=x onerror=alert(1)>`,
      'plie',
      '24',
      '45',
      'atelier-a-diversifier',
      '=1+1',
      xss,
    ]);
    ws.addRow(['k2', 'T', 'R', 'S', xss, xss, xss, xss]);
    const buffer = Buffer.from(await wb.xlsx.writeBuffer());
    const page = await preview(mod, 'fiches', buffer, 'hostile.xlsx');
    expect(page.text).not.toContain('<script>alert');
    expect(page.text).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    await confirm(mod, page, 'lignes-valides');
    const sheet = await SheetModel.findOne({}).lean();
    expect(sheet!.title).toBe('=HYPERLINK("http://evil.example","clic")');
    expect(sheet!.summary).toBe(xss);
    for (const url of [
      '/moderation/fiches',
      `/moderation/fiches/${sheet!._id}`,
      `/moderation/fiches/${sheet!._id}/apercu`,
    ]) {
      const html = (await mod.agent.get(url)).text;
      expect(html).not.toContain('<script>alert');
      expect(html).not.toContain('<img src=x');
    }
  });

  it('when an import is confirmed, then the request answers with the batch page, which shows the progress, then the result', async () => {
    const mod = await loginAs(app);
    const file = Buffer.from(JSON.stringify(volumeRows('fiches', 300, (i) => `Fiche ${i}`)));
    const page = await preview(mod, 'fiches', file, 'trois-cents.json');
    const action = /action="(\/moderation\/import\/[a-f0-9]{24})"/.exec(page.text)![1];
    const started = await mod.agent
      .post(action)
      .type('form')
      .send({ _csrf: csrfFrom(page.text) });
    expect(started.status).toBe(303);
    expect(started.headers.location).toBe(action);
    // While it runs, a second confirmation is refused and starts nothing.
    const twice = await mod.agent
      .post(action)
      .type('form')
      .send({ _csrf: csrfFrom(page.text) });
    expect(twice.status).toBe(422);
    const done = await finished(mod, action);
    expect(done.text).toContain('Import terminé');
    expect(done.text).toContain('300 lignes créées, 0 déjà importée.');
    expect(await SheetModel.countDocuments({ 'origin.importSource': 'trois-cents.json' })).toBe(
      300,
    );
    const batch = await ImportBatchModel.findOne({}).lean();
    expect(batch!.progress!.done).toBe(300);
    expect(await AuditEventModel.countDocuments({ action: 'import.done' })).toBe(1);
  });

  it('when an import is running, then its page says how many rows are done, with a bar and a link to refresh', async () => {
    const mod = await loginAs(app);
    const page = await preview(mod, 'fiches', read('fiches.csv'), 'fiches.csv');
    const id = /action="\/moderation\/import\/([a-f0-9]{24})"/.exec(page.text)![1];
    await ImportBatchModel.updateOne(
      { _id: id },
      { $set: { status: 'en-cours', progress: { done: 1, at: new Date() } } },
    );
    const running = await mod.agent.get(`/moderation/import/${id}`);
    expect(running.text).toContain('1 ligne traitée sur 2');
    expect(running.text).toContain('<progress id="import-bar" max="2" value="1">');
    expect(running.text).toContain('Actualiser l’avancement');
    expect(running.text).toContain('/static/js/import.js');
    expect(running.text).not.toContain('Importer les 2 lignes');
  });

  it('when an import stopped halfway (its process ended), then its page offers to start it again, which imports the rest once', async () => {
    const mod = await loginAs(app);
    const all = volumeRows('fiches', 40, (i) => `Fiche ${i}`);
    await importFromCli(
      'fiches',
      'moitie.json',
      Buffer.from(JSON.stringify(all.slice(0, 25))),
      false,
    );
    const page = await preview(mod, 'fiches', Buffer.from(JSON.stringify(all)), 'moitie.json');
    const id = /action="\/moderation\/import\/([a-f0-9]{24})"/.exec(page.text)![1];
    await ImportBatchModel.updateOne(
      { _id: id },
      { $set: { status: 'en-cours', progress: { done: 25, at: new Date(Date.now() - 120_000) } } },
    );
    const stopped = await mod.agent.get(`/moderation/import/${id}`);
    expect(stopped.text).toContain('L’import s’est arrêté après 25 lignes sur 40');
    expect(stopped.text).toContain('Relancer l’import des 40 lignes');
    const res = await confirm(mod, stopped);
    expect(res.status).toBe(303);
    const done = await mod.agent.get(`/moderation/import/${id}`);
    expect(done.text).toContain('15 lignes créées, 25 déjà importées.');
    expect(await SheetModel.countDocuments({ 'origin.importSource': 'moitie.json' })).toBe(40);
  });

  it('when an import fails on the way, then its page says it stopped and offers to start it again', async () => {
    const mod = await loginAs(app);
    const page = await preview(mod, 'fiches', read('fiches.csv'), 'fiches.csv');
    const id = /action="\/moderation\/import\/([a-f0-9]{24})"/.exec(page.text)![1];
    // A row the writer cannot read, as a damaged batch would hold.
    await ImportBatchModel.updateOne({ _id: id }, { $set: { 'rows.1.lists': null } });
    const res = await confirm(mod, page);
    expect(res.status).toBe(303);
    const stopped = await mod.agent.get(`/moderation/import/${id}`);
    expect(stopped.text).toContain('data-state="echec"');
    expect(stopped.text).toContain('L’import s’est arrêté après 0 ligne sur 2');
    expect(stopped.text).toContain('Relancer l’import des 2 lignes');
    expect(await AuditEventModel.countDocuments({ action: 'import.done' })).toBe(0);
  });

  it('when imported from the command line, then a file with errors writes nothing and a good file is imported once', () => {
    const run = (...args: string[]) => runCli('import', name, args);
    const bad = path.join(os.tmpdir(), `mauvais-${process.pid}.csv`);
    fs.writeFileSync(bad, `${header}\nk;;;;;;;\n`);
    const refused = run(bad);
    expect(refused.status).toBe(1);
    expect(refused.stderr).toContain('Ligne 2 : colonne « titre » vide');
    const first = run(path.join(examples, 'fiches.csv'));
    expect(first.status).toBe(0);
    expect(first.stdout).toContain('2 créée(s), 0 déjà importée(s)');
    const again = run(path.join(examples, 'fiches.csv'));
    expect(again.stdout).toContain('0 créée(s), 2 déjà importée(s)');
  });
});

describe('import at volume', () => {
  it('when 250 sheets are imported, several with one title and some with taken slugs, then each gets a slug of its own', async () => {
    await SheetModel.collection.insertMany([
      practiceSheet('meme-titre', { slugHistory: ['meme-titre-2'] }),
      practiceSheet('meme-titre-3'),
    ]);
    const file = Buffer.from(
      JSON.stringify(volumeRows('fiches', 250, (i) => (i % 5 === 0 ? 'Même titre' : `Titre ${i}`))),
    );
    const result = await importFromCli('fiches', 'volume.json', file, false);
    expect(result.written).toEqual({ created: 250, existing: 0 });
    const imported = await SheetModel.find({ 'origin.kind': 'import' }, 'slug').lean();
    const slugs = imported.map((s) => s.slug);
    expect(slugs).toHaveLength(250);
    expect(new Set(slugs).size).toBe(250);
    for (const taken of ['meme-titre', 'meme-titre-2', 'meme-titre-3'])
      expect(slugs).not.toContain(taken);
    expect(slugs).toContain('meme-titre-4');
    expect(await importFromCli('fiches', 'volume.json', file, false)).toMatchObject({
      written: { created: 0, existing: 250 },
    });
  });

  it('when 250 responses are imported, then each has its own reference and is in the inbox', async () => {
    const file = Buffer.from(JSON.stringify(volumeRows('reponses', 250, (i) => `Réponse ${i}`)));
    const result = await importFromCli('reponses', 'volume.json', file, false);
    expect(result.written).toEqual({ created: 250, existing: 0 });
    const references = (await ResponseModel.find({}, 'reference').lean()).map((r) => r.reference);
    expect(new Set(references).size).toBe(250);
    const numbers = references.map((r) => Number(/-(\d+)$/.exec(r!)![1])).sort((a, b) => a - b);
    expect(numbers[numbers.length - 1] - numbers[0]).toBe(249);
    const mod = await loginAs(app);
    const inbox = await mod.agent.get('/moderation');
    expect(inbox.text).toMatch(/Reçue <span class="status-tabs__count">\(250\)/);
  });
});
