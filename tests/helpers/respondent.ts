import type { Express } from 'express';
import request from 'supertest';

export type Fields = Record<string, string | string[]>;
export interface Upload {
  buffer: Buffer;
  filename: string;
}

export function csrfFrom(html: string): string {
  const match = /name="_csrf" value="([^"]+)"/.exec(html);
  if (!match)
    throw new Error(
      `no CSRF token in page: ${/<h1[^>]*>([^<]*)/.exec(html)?.[1] ?? html.slice(0, 200)}`,
    );
  return match[1];
}

function encode(fields: Fields): string {
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(fields)) {
    for (const v of Array.isArray(value) ? value : [value]) params.append(name, v);
  }
  return params.toString();
}

/** The action URL of the page's multipart form (it carries the CSRF token: read before any file). */
export function multipartActionFrom(html: string): string {
  const match = /<form method="post" action="([^"]+)"[^>]*enctype="multipart\/form-data"/.exec(
    html,
  );
  if (!match) throw new Error('no multipart form in page');
  return match[1].replace(/&amp;/g, '&');
}

/** A person filling the questionnaire through real HTTP requests, with their cookie jar. */
export class Respondent {
  readonly agent: ReturnType<typeof request.agent>;
  token = '';

  constructor(readonly app: Express) {
    this.agent = request.agent(app);
  }

  path(rest = ''): string {
    return `/questionnaire/reprendre/${this.token}${rest}`;
  }

  /** Opens the intro page and presses « Commencer » (with an email, or any other intro field). */
  async start(fields: string | Fields = ''): Promise<request.Response> {
    const extra = typeof fields === 'string' ? { email: fields } : fields;
    const intro = await this.agent.get('/questionnaire');
    const res = await this.agent
      .post('/questionnaire/commencer')
      .type('form')
      .send(encode({ _csrf: csrfFrom(intro.text), ...extra }));
    const match = /\/questionnaire\/reprendre\/([\w-]+)/.exec(res.headers.location ?? '');
    if (match) this.token = match[1];
    return res;
  }

  /** Opens a section page and posts its form, as the browser would (fresh CSRF token). */
  async save(slug: string, fields: Fields, action = 'continuer'): Promise<request.Response> {
    const page = await this.agent.get(this.path(`/${slug}`));
    return this.agent
      .post(this.path(`/${slug}`))
      .type('form')
      .send(encode({ _csrf: csrfFrom(page.text), ...fields, action }));
  }

  /** The same as a multipart form (section with attachments). */
  async saveMultipart(
    slug: string,
    fields: Fields,
    files: Upload[],
    action = 'televerser',
  ): Promise<request.Response> {
    const page = await this.agent.get(this.path(`/${slug}`));
    let req = this.agent.post(multipartActionFrom(page.text)).field('_csrf', csrfFrom(page.text));
    for (const [name, value] of Object.entries({ ...fields, action })) {
      for (const v of Array.isArray(value) ? value : [value]) req = req.field(name, v);
    }
    for (const file of files) req = req.attach('fichiers', file.buffer, file.filename);
    return req;
  }

  /** Presses « Envoyer » on the review page (`times` > 1: a double click on the same form). */
  async submit(times = 1): Promise<request.Response> {
    const review = await this.agent.get(this.path('/verification'));
    const csrf = csrfFrom(review.text);
    let res!: request.Response;
    for (let i = 0; i < times; i++) {
      res = await this.agent
        .post(this.path('/envoyer'))
        .type('form')
        .send(encode({ _csrf: csrf }));
    }
    return res;
  }
}

/** Valid answers for every page, as form fields (a complete, coherent practice). */
export const validAnswers: Record<string, Fields> = {
  repondant: {
    nomRepondant: 'Camille Martin',
    roleRepondant: 'facilitation',
    nomStructure: 'PLIE de démonstration',
    typeStructure: 'plie',
    siretStructure: '130 005 481 00010',
    emailRepondant: 'camille.martin@exemple.fr',
    telephoneRepondant: '02 38 00 00 00',
  },
  territoire: {
    territoireRegion: '24',
    territoireDepartement: '45',
    territoireCommunes: ['45234', '45284'],
    qpvConcernesCode: ['QP045004', 'qn04501a'],
    qpvConcernesNom: ['La Source', 'Les Salmonies'],
    projetNpnru: 'oui',
    nomProjetNpnru: 'NPNRU Orléans La Source',
    niveauProjetNpnru: 'prir',
    echelleIntercommunale: 'non',
  },
  pratique: {
    titrePratique: 'Un guichet unique de la clause sociale',
    resumePratique: 'Un guichet unique accompagne acheteurs et entreprises.',
    contextePratique: 'Des marchés de travaux nombreux, peu de candidats issus des quartiers.',
    objectifsPratique: 'Augmenter la part des habitants des QPV.',
    actionsPratique: 'Repérage, préparation, suivi dans l’emploi.',
    dateDebutMois: '3',
    dateDebutAnnee: '2021',
    statutPratique: 'terminee',
    dateFinMois: '12',
    dateFinAnnee: '2022',
  },
  'thematiques-leviers': {
    thematiques: ['atelier-a-diversifier', 'autre'],
    thematiquesAutre: 'Achats responsables',
    leviersJuridiques: 'condition-execution',
  },
  marches: {
    famillesMarches: ['travaux', 'services'],
    nombreMarches: '12',
    montantMarches: '1 250 000,50',
    heuresInscrites: '8 000',
  },
  'publics-partenaires': {
    publicsCibles: 'femmes',
    actionFemmes: 'oui',
    actionFemmesDescription: 'Ateliers découverte des métiers.',
  },
  moyens: { etpDedies: '1,5', financeurs: ['fse', 'epci'] },
  resultats: {
    participants: '40',
    participantesFemmes: '12',
    heuresRealisees: '9000',
    sortiesEmploiDurable: '10',
  },
  analyse: { facteursReussite: 'Un interlocuteur unique.' },
  'documents-consentement': {
    consentementPublication: 'oui-publication',
    contactPublic: 'structure-seulement',
    consentementDonnees: 'oui',
  },
};
