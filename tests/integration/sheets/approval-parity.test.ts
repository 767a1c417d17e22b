import request from 'supertest';
import { SheetModel } from '../../../src/sheets/sheet.model';
import { formOf } from '../../../src/sheets/sheet.form';
import { buildTestApp, captureMailer } from '../../helpers/app';
import { loginAs, type SignedIn } from '../../helpers/auth';
import { useTestDatabase } from '../../helpers/db';
import { pdfPages } from '../../helpers/pdf';
import { csrfFrom } from '../../helpers/respondent';
import { insertSentResponse, storedAnswers } from '../../helpers/sheets';

useTestDatabase();
const mailer = captureMailer();
const { app } = buildTestApp({}, { mailer });

/** Every field the public page can show, typed into the editor as a moderator would. */
const typed = {
  title: 'Des heures d’insertion suivies de bout en bout',
  summary: 'Un suivi partagé entre la ville et le PLIE.',
  // As a browser sends a textarea: CRLF line breaks, a numbered list, then a bulleted one.
  actions:
    'Trois étapes :\r\n1. Repérer les candidats\r\n2. Former\r\n3. Suivre\r\n\r\nAvec :\r\n- la ville\r\n- le PLIE',
  context: 'Première ligne\r\nseconde ligne du même paragraphe',
  npnruProject: 'NPNRU de La Source',
  keywords: 'chantier école, mobilité',
  startDate: '03/2021',
  endDate: '06/2022',
  hoursAchieved: '9000',
  hoursPlanned: '10000',
  fte: '5,5',
  participants: '40',
  women: '12',
  qpvResidents: '20',
  under26: '7',
  over50: '3',
  sustainableEmployment: '10',
  transitionEmployment: '6',
  positiveExits: '21',
  companies: '14',
  contractsWithClause: '8',
  contactName: 'Camille Martin',
  contactRole: 'Facilitatrice',
  contactEmail: 'camille.martin@exemple.fr',
  contactPhone: '02 38 00 00 00',
};
const shownFigures = [
  '9 000 heures d’insertion réalisées',
  '10 000 heures d’insertion prévues',
  '5,5 équivalents temps plein',
  '40 participants',
  '12 femmes',
  '20 habitants des quartiers prioritaires',
  '7 jeunes de moins de 26 ans',
  '3 personnes de plus de 50 ans',
  '10 sorties en emploi durable',
  '6 sorties en emploi de transition',
  '21 sorties positives',
  '14 entreprises mobilisées',
  '8 marchés avec clause',
];

async function prepareAndEdit(mod: SignedIn) {
  const response = await insertSentResponse({
    ...storedAnswers,
    modalitesRealisation: ['embauche-directe', 'mise-a-disposition-geiq'],
  });
  const created = await mod.agent
    .post(`/moderation/reponses/${response.id}/fiche`)
    .type('form')
    .send({ _csrf: await mod.csrf() });
  const sheetId = created.headers.location.split('/').pop()!;
  const page = await mod.agent.get(`/moderation/fiches/${sheetId}`);
  // The editor offers a field for every one of them.
  for (const name of Object.keys(typed)) expect(page.text).toContain(`name="${name}"`);
  const sheet = await SheetModel.findById(sheetId).lean();
  const saved = await mod.agent
    .post(`/moderation/fiches/${sheetId}`)
    .type('form')
    .send({ ...formOf(sheet as never), _csrf: csrfFrom(page.text), ...typed, ongoing: [] });
  expect(saved.status).toBe(303);
  return sheetId;
}

/** What a page shows of the sheet: its article, heading levels and the PDF button aside. */
function shown(html: string): string {
  const article = /<article class="[^"]*\bpractice\b[^"]*">([\s\S]*?)<\/article>/.exec(html)?.[1];
  expect(article).toBeDefined();
  return article!
    .replace(/<(\/?)h[1-6]>/g, '<$1h>')
    .replace(/<p class="practice__actions[\s\S]*?<\/p>/, '')
    .replace(/<p class="hint">Dernière mise à jour[\s\S]*?<\/p>/, '')
    .replace(/\s+/g, ' ')
    .trim();
}

const text = (html: string) =>
  html
    .replace(/<[^>]+>/g, ' ')
    .replace(/&#39;/g, '’')
    .replace(/[\s\u202f\u00a0]+/g, ' ');

describe('what the author approves is what gets published', () => {
  it('when a sheet with every field is sent for approval, approved and published, then the approval page, the preview and the public page show the same thing, and the PDF every field of it', async () => {
    const mod = await loginAs(app);
    const sheetId = await prepareAndEdit(mod);
    const stored = await SheetModel.findById(sheetId).lean();
    // Line breaks stored as `\n`, whatever the browser sent.
    expect(stored!.actions).not.toContain('\r');
    expect(stored!.modalities).toEqual(['embauche-directe', 'mise-a-disposition-geiq']);

    const asked = await mod.agent
      .post(`/moderation/fiches/${sheetId}/validation`)
      .type('form')
      .send({ _csrf: await mod.csrf(), revision: String(stored!.revision) });
    expect(asked.status).toBe(303);
    const link = mailer.linkTo('camille.martin@exemple.fr');
    const approval = await request(app).get(link);
    expect(approval.status).toBe(200);
    const preview = await mod.agent.get(`/moderation/fiches/${sheetId}/apercu`);
    expect(preview.status).toBe(200);

    const agent = request.agent(app);
    const form = await agent.get(link);
    await agent
      .post(link)
      .type('form')
      .send({
        _csrf: csrfFrom(form.text),
        decision: 'valider',
        revision: String(stored!.revision),
      });
    const revision = (await SheetModel.findById(sheetId).lean())!.revision;
    const published = await mod.agent
      .post(`/moderation/fiches/${sheetId}/publier`)
      .type('form')
      .send({ _csrf: await mod.csrf(), revision: String(revision) });
    expect(published.status).toBe(303);
    const slug = (await SheetModel.findById(sheetId).lean())!.slug;
    const publicPage = await request(app).get(`/recueil/${slug}`);
    expect(publicPage.status).toBe(200);

    expect(shown(approval.text)).toBe(shown(publicPage.text));
    expect(shown(preview.text)).toBe(shown(publicPage.text));

    const page = shown(publicPage.text);
    const words = text(page);
    for (const figure of shownFigures) expect(words).toContain(figure);
    expect(page).toContain('<ol><li>Repérer les candidats</li><li>Former</li><li>Suivre</li></ol>');
    expect(page).toContain('<ul><li>la ville</li><li>le PLIE</li></ul>');
    expect(page).toContain('<p>Première ligne<br>seconde ligne du même paragraphe</p>');
    for (const expected of [
      'Période mars 2021 – juin 2022',
      'Renouvellement urbain NPNRU de La Source',
      'Modalités de réalisation Embauche directe',
      'Mots-clés chantier école mobilité',
      'Camille Martin, Facilitatrice',
      '02 38 00 00 00',
    ])
      expect(words).toContain(expected);

    const { pages } = await pdfPages(app, `/recueil/${slug}.pdf`);
    const pdf = pages
      .flat()
      .join('\n')
      .replace(/[\u202f\u00a0]/g, ' ');
    for (const figure of shownFigures) expect(pdf).toContain(figure);
    expect(pdf).toContain('Période : mars 2021 – juin 2022');
    expect(pdf).toContain('Mots-clés : chantier école ; mobilité');
    expect(pdf).toContain('1. Repérer les candidats');
    expect(pdf).toContain('seconde ligne du même paragraphe');
    expect(pdf).not.toMatch(/\r/);
  });

  it('when the period or a figure is typed wrong, then the editor says so in French and keeps what was typed', async () => {
    const mod = await loginAs(app);
    const sheetId = await prepareAndEdit(mod);
    const page = await mod.agent.get(`/moderation/fiches/${sheetId}`);
    const sheet = await SheetModel.findById(sheetId).lean();
    const res = await mod.agent
      .post(`/moderation/fiches/${sheetId}`)
      .type('form')
      .send({
        ...formOf(sheet as never),
        _csrf: csrfFrom(page.text),
        startDate: '13/2021',
        endDate: '01/2020',
        fte: 'deux',
      });
    expect(res.status).toBe(422);
    expect(res.text).toContain('Début : saisissez le mois et l’année, par exemple 03/2021');
    expect(res.text).toContain('Équivalents temps plein : saisissez un nombre, par exemple 12,5');
    expect(res.text).toContain('value="13/2021"');
    expect(res.text).toContain('value="deux"');
    expect((await SheetModel.findById(sheetId).lean())!.revision).toBe(sheet!.revision);
  });
});
