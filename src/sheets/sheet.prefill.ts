import type { Answers, QpvAnswer, TerritoryAnswer } from '../questionnaire';
import type { SurveyResponse } from '../questionnaire';

/** What a sheet holds that the editor and the pre-fill write. */
export interface SheetContent {
  title: string;
  summary: string;
  structureName: string;
  actorType: string;
  region: string;
  department: string;
  communes: Array<{ code: string; name: string }>;
  qpv: QpvAnswer[];
  npnru: boolean;
  npnruProject?: string;
  themes: string[];
  legalLevers: string[];
  marketFamilies: string[];
  publics: string[];
  modalities: string[];
  keywords: string[];
  context?: string;
  objectives?: string;
  actions?: string;
  partners?: string;
  successFactors?: string;
  difficulties?: string;
  transferability?: string;
  nextSteps?: string;
  startDate?: string;
  endDate?: string;
  ongoing?: boolean;
  year?: number;
  amountEur?: number;
  results: Partial<Record<string, number>>;
  contact: { name?: string; role?: string; email?: string; phone?: string };
}

/** Question id → sheet field, for answers copied as they are. */
export const textMapping = {
  titrePratique: 'title',
  resumePratique: 'summary',
  nomStructure: 'structureName',
  typeStructure: 'actorType',
  contextePratique: 'context',
  objectifsPratique: 'objectives',
  actionsPratique: 'actions',
  partenaires: 'partners',
  facteursReussite: 'successFactors',
  difficultes: 'difficulties',
  transferabilite: 'transferability',
  perspectives: 'nextSteps',
  dateDebut: 'startDate',
  dateFin: 'endDate',
} as const;

export const listMapping = {
  thematiques: 'themes',
  leviersJuridiques: 'legalLevers',
  famillesMarches: 'marketFamilies',
  publicsCibles: 'publics',
  modalitesRealisation: 'modalities',
} as const;

export const resultMapping = {
  heuresPrevues: 'hoursPlanned',
  heuresRealisees: 'hoursAchieved',
  etpRealises: 'fte',
  participants: 'participants',
  participantesFemmes: 'women',
  participantsQpv: 'qpvResidents',
  participantsMoins26: 'under26',
  participantsPlus50: 'over50',
  sortiesEmploiDurable: 'sustainableEmployment',
  sortiesEmploiTransition: 'transitionEmployment',
  sortiesPositives: 'positiveExits',
  entreprisesMobilisees: 'companies',
  nombreMarches: 'contractsWithClause',
} as const;

const text = (a: Answers, id: string) => (typeof a[id] === 'string' ? (a[id] as string) : '');
const list = (a: Answers, id: string) =>
  Array.isArray(a[id]) ? (a[id] as unknown[]).filter((v) => typeof v === 'string') : [];

/** The respondent's choice of public contact (nothing when publication is anonymous or refused). */
function publicContact(a: Answers): SheetContent['contact'] {
  if (text(a, 'consentementPublication') !== 'oui-publication') return {};
  const choice = text(a, 'contactPublic');
  if (choice === 'nom-et-structure') return { name: text(a, 'nomRepondant') };
  if (choice === 'nom-structure-email') {
    return { name: text(a, 'nomRepondant'), email: text(a, 'emailRepondant') };
  }
  return {};
}

/**
 * A new sheet's content from a response's answers (read only: the response is never written).
 * An anonymous publication keeps the territory but not the structure's name.
 */
export function prefillFromResponse(response: Pick<SurveyResponse, 'answers'>): SheetContent {
  const a = response.answers ?? {};
  const content: SheetContent = {
    title: '',
    summary: '',
    structureName: '',
    actorType: '',
    region: '',
    department: '',
    communes: [],
    qpv: [],
    npnru: text(a, 'projetNpnru') === 'oui',
    themes: [],
    legalLevers: [],
    marketFamilies: [],
    publics: [],
    modalities: [],
    keywords: [],
    results: {},
    contact: publicContact(a),
  };
  const fields = content as unknown as Record<string, unknown>;
  for (const [question, field] of Object.entries(textMapping)) {
    if (text(a, question)) fields[field] = text(a, question);
  }
  for (const [question, field] of Object.entries(listMapping)) fields[field] = list(a, question);
  for (const [question, field] of Object.entries(resultMapping)) {
    if (typeof a[question] === 'number') content.results[field] = a[question] as number;
  }
  if (typeof a.montantMarches === 'number') content.amountEur = a.montantMarches;
  // The year as the editor would write it from the start month (open data's « annee »).
  if (content.startDate) content.year = Number(content.startDate.slice(0, 4));
  const status = text(a, 'statutPratique');
  if (status) content.ongoing = status === 'en-cours';
  const territory = a.territoire as TerritoryAnswer | undefined;
  if (territory && typeof territory === 'object' && !Array.isArray(territory)) {
    content.region = territory.region ?? '';
    content.department = territory.department ?? '';
    content.communes = (territory.communes ?? []).map((c) => ({ code: c.code, name: c.name }));
  }
  if (Array.isArray(a.qpvConcernes)) {
    content.qpv = (a.qpvConcernes as QpvAnswer[]).map((q) => ({ ...q }));
  }
  if (text(a, 'consentementPublication') === 'oui-anonyme') {
    content.structureName = 'Structure non nommée à sa demande';
  }
  return content;
}

/** Whether the respondent let the team publish without their review (questionnaire consent). */
export function consentsWithoutReview(response: Pick<SurveyResponse, 'answers'>): boolean {
  return text(response.answers ?? {}, 'publicationSansRelecture') === 'oui';
}
