import { createHash, randomBytes } from 'node:crypto';
import { Types } from 'mongoose';
import { definition, sections } from '../questionnaire/questionnaire';
import type { Answers } from '../questionnaire/question-types';
import { ResponseModel } from '../questionnaire/response.model';
import { commune } from '../reference/geography';
import type { StatusChange } from './moderation.types';
import { statusesLeadingTo, type ModerationStatus } from './statuses';
import { fullSummary } from './summary';

/**
 * Fictitious sent responses: the demo of a fresh install (never in production), the bench's
 * 5,000 responses and test fixtures. Every one is marked `fictitious` and shown as an example.
 */
const places = [
  '75056',
  '69123',
  '13055',
  '59350',
  '33063',
  '31555',
  '44109',
  '67482',
  '35238',
  '45234',
  '21231',
  '76540',
];
const actorTypes = [
  'facilitateur',
  'plie',
  'maison-emploi',
  'commune',
  'epci',
  'bailleur-social',
  'siae-aci',
  'geiq',
  'mission-locale',
  'regie-quartier',
  'association',
  'departement',
];
const themes = [
  'atelier-a-diversifier',
  'atelier-b-mobiliser-entreprises',
  'atelier-c-mobiliser-habitants',
  'insertion-gup',
  'famille-publics',
];
const publics = [
  'demandeurs-emploi-longue-duree',
  'beneficiaires-minima-sociaux',
  'jeunes-moins-26-ans-peu-qualifies',
  'habitants-qpv',
  'femmes',
];
const families = [
  'travaux',
  'services',
  'fournitures',
  'prestations-intellectuelles',
  'marches-gup',
];
const titles = [
  'Des habitantes sur les chantiers du renouvellement urbain',
  'Un guichet unique de la clause pour toute l’agglomération',
  'Les clauses sociales dans les marchés de nettoyage',
  'Job dating au pied des immeubles',
  'Former les acheteurs publics à la clause',
  'La gestion urbaine de proximité comme tremplin',
  'Un parcours vers l’emploi durable avec le GEIQ',
  'Des clauses dans les marchés de services numériques',
  'Mobiliser les entreprises du BTP avec une charte locale',
  'La régie de quartier recrute sur les espaces verts',
  'Accompagner les jeunes des QPV vers l’alternance',
  'Clauses sociales et restauration collective',
];
const structures = [
  'Maison de l’emploi',
  'PLIE',
  'Métropole',
  'Ville',
  'Communauté d’agglomération',
  'Bailleur social',
  'Chantier d’insertion',
  'GEIQ BTP',
  'Mission locale',
  'Régie de quartier',
  'Association Emploi Quartiers',
  'Département',
];

const pick = <T>(list: readonly T[], i: number): T => list[i % list.length];

/** Complete answers of the i-th fictitious response (varied régions, actor types, figures). */
export function exampleAnswers(i: number): Answers {
  const place = commune(pick(places, i))!;
  const participants = 10 + ((i * 7) % 60);
  const planned = 2000 + ((i * 1373) % 20000);
  return {
    nomRepondant: `Camille Exemple ${i + 1}`,
    nomStructure: `${pick(structures, i)} de ${place.name} (exemple)`,
    typeStructure: pick(actorTypes, i),
    emailRepondant: `exemple-${i + 1}@exemple.fr`,
    territoire: {
      region: place.region,
      department: place.department,
      communes: [{ code: place.code, name: place.name }],
    },
    titrePratique: pick(titles, i),
    resumePratique: 'Exemple fictif de démonstration : cette réponse n’a été envoyée par personne.',
    contextePratique: 'Peu d’habitants des quartiers prioritaires recrutés sur les chantiers.',
    actionsPratique: 'Repérage des candidats, préparation avec les entreprises, suivi en emploi.',
    dateDebut: `202${1 + (i % 3)}-0${1 + (i % 9)}`,
    thematiques: [pick(themes, i), pick(themes, i + 2)],
    famillesMarches: [pick(families, i), ...(i % 3 === 0 ? [pick(families, i + 1)] : [])],
    publicsCibles: [pick(publics, i), pick(publics, i + 1)],
    heuresPrevues: planned,
    heuresRealisees: Math.round(planned * (0.6 + (i % 5) * 0.1)),
    etpRealises: Math.round((planned / 1600) * 10) / 10,
    participants,
    participantesFemmes: Math.floor(participants * (0.1 + (i % 4) * 0.1)),
    participantsQpv: Math.floor(participants * (0.3 + (i % 3) * 0.2)),
    consentementPublication: 'oui-publication',
    contactPublic: 'structure-seulement',
    consentementDonnees: 'oui',
  };
}

const demoModerator = {
  id: new Types.ObjectId('000000000000000000000000'),
  name: 'Exemple (démonstration)',
  email: 'exemple@exemple.fr',
};

/** The status changes that lead a response from « reçue » to `status` (each step once). */
function historyTo(status: ModerationStatus, at: Date): StatusChange[] {
  const steps: ModerationStatus[] = [status];
  while (steps[0] !== 'recue') steps.unshift(statusesLeadingTo(steps[0])[0]);
  return steps.slice(1).map((to, i) => ({
    at: new Date(at.getTime() + (i + 1) * 3_600_000),
    by: demoModerator,
    from: steps[i],
    to,
    reason: to === 'ecartee' ? 'Exemple : pratique trop proche d’une autre réponse' : '',
  }));
}

/** A whole sent response document, ready to insert (summary and history consistent). */
export function responseDocument(opts: {
  answers: Answers;
  reference: string;
  submittedAt: Date;
  status?: ModerationStatus;
  fictitious?: boolean;
}) {
  const status = opts.status ?? 'recue';
  const history = historyTo(status, opts.submittedAt);
  return {
    tokenHash: createHash('sha256').update(randomBytes(32)).digest('hex'),
    status: 'envoyee' as const,
    definitionVersion: definition.version,
    answers: opts.answers,
    sectionStatus: Object.fromEntries(sections.map((s) => [s.slug, 'termine' as const])),
    reference: opts.reference,
    submittedAt: opts.submittedAt,
    firstSubmission: { at: opts.submittedAt, answers: opts.answers },
    revisions: [],
    attachments: [],
    fictitious: opts.fictitious ?? false,
    summary: {
      ...fullSummary(opts.answers, opts),
      status,
      statusAt: history.at(-1)?.at ?? opts.submittedAt,
    },
    moderation: { history, notes: [] },
  };
}

const demoStatuses: ModerationStatus[] = [
  'recue',
  'en-examen',
  'retenue',
  'ecartee',
  'archivee',
  'recue',
  'en-examen',
  'retenue',
  'recue',
  'en-examen',
  'ecartee',
  'recue',
];

/**
 * About twelve fictitious sent responses over the statuses, régions and actor types, when the
 * database has no response at all (a fresh install). Returns how many were added.
 */
export async function seedDemoResponses(now = new Date()): Promise<number> {
  if ((await ResponseModel.estimatedDocumentCount()) > 0) return 0;
  const year = now.getFullYear();
  const docs = demoStatuses.map((status, i) =>
    responseDocument({
      answers: exampleAnswers(i),
      reference: `EX-${year}-${String(i + 1).padStart(5, '0')}`,
      submittedAt: new Date(now.getTime() - (demoStatuses.length - i) * 86_400_000),
      status,
      fictitious: true,
    }),
  );
  await ResponseModel.insertMany(docs);
  return docs.length;
}
