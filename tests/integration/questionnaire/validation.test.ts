import { ResponseModel } from '../../../src/questionnaire/response.model';
import { buildTestApp } from '../../helpers/app';
import { useTestDatabase } from '../../helpers/db';
import {
  csrfFrom,
  type Fields,
  multipartActionFrom,
  Respondent,
  validAnswers,
} from '../../helpers/respondent';

useTestDatabase();

const { app } = buildTestApp();
let respondent: Respondent;

beforeAll(async () => {
  respondent = new Respondent(app);
  await respondent.start();
});

/** Each case: a page, what the person typed over the valid answers, the field and message expected. */
const cases: Array<[string, string, Fields, string, RegExp]> = [
  [
    'required text',
    'repondant',
    { nomRepondant: '' },
    'nomRepondant',
    /Renseignez « Vos prénom et nom »/,
  ],
  [
    'text too long',
    'pratique',
    { titrePratique: 'x'.repeat(121) },
    'titrePratique',
    /au plus 120 caractères \(actuellement 121\)/,
  ],
  [
    'long text too long',
    'pratique',
    { resumePratique: 'é'.repeat(501) },
    'resumePratique',
    /au plus 500 caractères/,
  ],
  [
    'email format',
    'repondant',
    { emailRepondant: 'camille@' },
    'emailRepondant',
    /adresse e-mail valide/,
  ],
  [
    'email with markup',
    'repondant',
    { emailRepondant: '<script>alert(1)</script>@exemple.fr' },
    'emailRepondant',
    /adresse e-mail valide/,
  ],
  [
    'email with a quoted part',
    'repondant',
    { emailRepondant: '"a,b"@exemple.fr' },
    'emailRepondant',
    /adresse e-mail valide/,
  ],
  [
    'phone format',
    'repondant',
    { telephoneRepondant: '12 34' },
    'telephoneRepondant',
    /numéro de téléphone français valide/,
  ],
  [
    'SIRET key',
    'repondant',
    { siretStructure: '130 005 481 00011' },
    'siretStructure',
    /SIRET doit comporter 14 chiffres valides/,
  ],
  [
    'single choice outside the list',
    'repondant',
    { typeStructure: 'pirate' },
    'typeStructure',
    /n’est pas valide/,
  ],
  [
    'required single choice',
    'repondant',
    { typeStructure: '' },
    'typeStructure',
    /Choisissez une réponse à « /,
  ],
  [
    'required multiple choice',
    'thematiques-leviers',
    { thematiques: [] },
    'thematiques',
    /Cochez au moins une réponse/,
  ],
  [
    'multiple choice outside the list',
    'thematiques-leviers',
    { thematiques: ['atelier-a-diversifier', 'inconnu'] },
    'thematiques',
    /n’est pas valide/,
  ],
  [
    '« Autre » without details',
    'thematiques-leviers',
    { thematiques: 'autre', thematiquesAutre: '' },
    'thematiquesAutre',
    /Précisez votre réponse « Autre »/,
  ],
  [
    'integer format',
    'marches',
    { nombreMarches: 'douze' },
    'nombreMarches',
    /doit être un nombre entier/,
  ],
  [
    'integer above its maximum',
    'marches',
    { nombreMarches: '100001' },
    'nombreMarches',
    /inférieur ou égal à 100\s000/,
  ],
  [
    'integer below its minimum',
    'resultats',
    { participants: '-3' },
    'participants',
    /supérieur ou égal à 0/,
  ],
  [
    'decimal format',
    'moyens',
    { etpDedies: '1,5,2' },
    'etpDedies',
    /doit être un nombre, par exemple 12,5/,
  ],
  [
    'part greater than the whole',
    'resultats',
    { participants: '10', participantesFemmes: '12' },
    'participantesFemmes',
    /ne peut pas dépasser .*\(10\)/,
  ],
  [
    'month missing',
    'pratique',
    { dateDebutMois: '', dateDebutAnnee: '2021' },
    'dateDebutMois',
    /Indiquez le mois/,
  ],
  ['month out of range', 'pratique', { dateDebutMois: '13' }, 'dateDebutMois', /entre 1 et 12/],
  ['year missing', 'pratique', { dateDebutAnnee: '' }, 'dateDebutAnnee', /Indiquez l’année/],
  [
    'year out of range',
    'pratique',
    { dateDebutAnnee: '1890' },
    'dateDebutAnnee',
    /comprise entre 1990 et/,
  ],
  [
    'required month',
    'pratique',
    { dateDebutMois: '', dateDebutAnnee: '' },
    'dateDebutMois',
    /Indiquez le mois et l’année/,
  ],
  [
    'end before start',
    'pratique',
    { dateFinMois: '1', dateFinAnnee: '2020' },
    'dateFinAnnee',
    /postérieure ou égale/,
  ],
  [
    'unknown region',
    'territoire',
    { territoireRegion: '99' },
    'territoireRegion',
    /Cette région n’existe pas/,
  ],
  [
    'department outside the region',
    'territoire',
    { territoireDepartement: '75' },
    'territoireDepartement',
    /n’est pas dans la région choisie/,
  ],
  [
    'commune outside the department',
    'territoire',
    { territoireCommunes: '75056' },
    'territoireCommunes',
    /Paris n’est pas dans le département choisi/,
  ],
  [
    'unknown commune',
    'territoire',
    { territoireCommunes: '45999' },
    'territoireCommunes',
    /45999 n’existe pas/,
  ],
  [
    'required region',
    'territoire',
    { territoireRegion: '', territoireDepartement: '', territoireCommunes: '' },
    'territoireRegion',
    /Choisissez la région/,
  ],
  [
    'required department',
    'territoire',
    { territoireDepartement: '', territoireCommunes: '' },
    'territoireDepartement',
    /Choisissez le département/,
  ],
  [
    'required commune',
    'territoire',
    { territoireCommunes: '' },
    'territoireCommunes',
    /Choisissez au moins une commune/,
  ],
  [
    'QPV code format',
    'territoire',
    { qpvConcernesCode: 'QP12', qpvConcernesNom: 'Centre' },
    'qpvConcernesCode',
    /n’a pas un format reconnu/,
  ],
  [
    'QPV name missing',
    'territoire',
    { qpvConcernesCode: 'QP045004', qpvConcernesNom: '' },
    'qpvConcernesNom',
    /Indiquez le nom du quartier QP045004/,
  ],
  [
    'yes/no outside the list',
    'territoire',
    { projetNpnru: 'peut-etre' },
    'projetNpnru',
    /n’est pas valide/,
  ],
  [
    'required consent',
    'documents-consentement',
    { consentementDonnees: '' },
    'consentementDonnees',
    /Cochez la case/,
  ],
  [
    'required follow-up when shown',
    'documents-consentement',
    { contactPublic: '' },
    'contactPublic',
    /Choisissez une réponse/,
  ],
  [
    'array where one value is expected',
    'repondant',
    { nomRepondant: ['Camille', 'Martin'] },
    'nomRepondant',
    /n’est pas valide/,
  ],
];

describe('server-side validation of every rule', () => {
  it.each(cases)(
    'when %s, then 422 with the message linked and beside the field, and nothing stored',
    async (_name, slug, override, field, message) => {
      const before = await ResponseModel.findById(
        (await ResponseModel.findOne({}).lean())!._id,
      ).lean();
      const res = await respondent.save(slug, { ...validAnswers[slug], ...override });
      expect(res.status).toBe(422);
      expect(res.text).toContain('class="error-summary"');
      expect(res.text).toContain(`href="#${field}"`);
      expect(res.text).toMatch(message);
      // The field itself carries aria-invalid and points to its error message.
      const input = new RegExp(
        `id="${field}"[^>]*aria-invalid="true"|aria-invalid="true"[^>]*id="${field}"`,
      );
      expect(res.text).toMatch(input);
      expect(res.text).toMatch(/aria-describedby="[^"]*-error/);
      expect(res.text).toContain('<title>Erreur : ');
      const after = await ResponseModel.findById(before!._id).lean();
      expect(after!.answers).toEqual(before!.answers);
    },
  );

  it('when a page has errors, then everything typed is shown again', async () => {
    const res = await respondent.save('repondant', {
      ...validAnswers.repondant,
      emailRepondant: 'camille@',
      nomRepondant: 'Camille <b>Martin</b>',
    });
    expect(res.status).toBe(422);
    expect(res.text).toContain('value="camille@"');
    expect(res.text).toContain('value="Camille &lt;b&gt;Martin&lt;/b&gt;"');
    expect(res.text).toContain('<option value="plie" selected>');
    expect(res.text).toContain('value="02 38 00 00 00"');
  });

  it('when the territory page has errors, then the lists chosen so far are shown again', async () => {
    const res = await respondent.save('territoire', {
      ...validAnswers.territoire,
      qpvConcernesCode: 'QP1',
    });
    expect(res.status).toBe(422);
    expect(res.text).toContain('<option value="24" selected>');
    expect(res.text).toContain('<option value="45" selected>');
    expect(res.text).toContain('<option value="45234" selected>');
    expect(res.text).toContain('value="QP1"');
  });

  it('when unknown fields are posted, then they are ignored', async () => {
    const res = await respondent.save('repondant', {
      ...validAnswers.repondant,
      role: 'admin',
      status: 'envoyee',
      'answers.x': '1',
    });
    expect(res.status).toBe(303);
    const stored = (await ResponseModel.findOne({}).lean())!;
    expect(stored.status).toBe('brouillon');
    expect(Object.keys(stored.answers)).not.toContain('role');
    expect(Object.keys(stored.answers)).not.toContain('x');
  });

  it('when a multipart body smuggles an object with a $ key, then it is rejected', async () => {
    const page = await respondent.agent.get(respondent.path('/documents-consentement'));
    const res = await respondent.agent
      .post(multipartActionFrom(page.text))
      .field('_csrf', csrfFrom(page.text))
      .field('consentementPublication[$ne]', 'x')
      .field('consentementDonnees', 'oui')
      .field('action', 'continuer');
    expect(res.status).toBe(422);
    expect(res.text).toContain('href="#consentementPublication"');
    expect(res.text).toMatch(/n’est pas valide/);
  });

  it('when numbers use French formats, then they are understood', async () => {
    const res = await respondent.save('marches', {
      montantMarches: '1 000 000,75',
      heuresInscrites: '12\u202f000',
    });
    expect(res.status).toBe(303);
    const stored = (await ResponseModel.findOne({}).lean())!;
    expect(stored.answers.montantMarches).toBe(1000000.75);
    expect(stored.answers.heuresInscrites).toBe(12000);
  });

  it('when a long text uses Windows line breaks, then each counts as one character', async () => {
    const text = `${'a'.repeat(249)}\r\n${'b'.repeat(250)}`; // 500 characters once normalised
    const res = await respondent.save('pratique', {
      ...validAnswers.pratique,
      resumePratique: text,
    });
    expect(res.status).toBe(303);
  });
});
