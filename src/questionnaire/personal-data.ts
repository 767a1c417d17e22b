import { Types } from 'mongoose';
import { wholeReadBatch } from '../lib/db/whole-read';
import { deleteFile } from '../lib/files/attachment-store';
import { formatParisDate as parisDate } from '../lib/paris-time';
import {
  before,
  line,
  sameEmail,
  type DataSubject,
  type HeldItem,
  type PersonalDataDeclaration,
  type ReportLine,
  type RetentionRun,
} from '../lib/personal-data';
import { draftExpiryEmail } from './questionnaire.emails';
import { allQuestions, labelOf } from './questionnaire';
import { responsesWritten } from './response-events';
import { ResponseModel, type Revision, type SurveyResponse } from './response.model';
import { reissueLink } from './response.service';
import { resumePath } from './resume-link';
import { deleteResponse } from './response.removal';

/** The answers that name the person: those the form asks with a name, e-mail or phone field. */
export const personalQuestionIds = allQuestions
  .filter((q) => ['name', 'email', 'tel'].includes(q.autocomplete ?? ''))
  .map((q) => q.id);

const contactLabel = 'Coordonnées de la personne qui répond (nom, e-mail, téléphone)';

/**
 * The responses of an e-mail, with their reference (sheets made from them name it): every
 * response read in small batches (an admin's rare search).
 */
export async function responsesOfEmail(
  email: string,
): Promise<Array<Pick<SurveyResponse, '_id' | 'reference'>>> {
  const all = await ResponseModel.find(
    {},
    { contactEmail: 1, 'answers.emailRepondant': 1, reference: 1 },
  )
    .batchSize(wholeReadBatch)
    .lean<Array<Pick<SurveyResponse, '_id' | 'contactEmail' | 'answers' | 'reference'>>>();
  return all
    .filter((r) => sameEmail(r.contactEmail, email) || sameEmail(r.answers?.emailRepondant, email))
    .map((r) => ({ _id: r._id, reference: r.reference }));
}

async function responsesOf(subject: DataSubject): Promise<SurveyResponse[]> {
  const ids =
    'responseId' in subject
      ? [subject.responseId]
      : (await responsesOfEmail(subject.email)).map((r) => r._id);
  const found: SurveyResponse[] = [];
  for (const _id of ids) {
    const r = await ResponseModel.findOne({ _id }).lean<SurveyResponse>();
    if (r) found.push(r);
  }
  return found;
}

/** A response as the person gets it: questions by label, files, changes, what the team did. */
function held(r: SurveyResponse): HeldItem {
  const sent = r.status === 'envoyee';
  return {
    label: sent ? `Réponse ${r.reference ?? ''}`.trim() : 'Brouillon de réponse',
    detail: sent
      ? `envoyée le ${parisDate(r.submittedAt!)}${r.erasure ? ', coordonnées effacées' : ''}`
      : `commencé le ${parisDate(r.createdAt)}, enregistré le ${parisDate(r.updatedAt)}`,
    data: {
      reference: r.reference ?? null,
      statut: sent ? 'envoyée' : 'brouillon',
      creeeLe: r.createdAt,
      envoyeeLe: r.submittedAt ?? null,
      adresseDeContact: r.contactEmail ?? null,
      reponses: Object.entries(r.answers).map(([id, answer]) => ({
        question: labelOf(id),
        reponse: answer,
      })),
      fichiers: r.attachments.map((a) => ({ nom: a.filename, legende: a.caption ?? null })),
      modifications: r.revisions,
      suiviParLEquipe: r.moderation,
    },
    files: r.attachments.map((a) => ({ id: a.fileId, filename: a.filename })),
  };
}

async function deleteFiles(r: SurveyResponse): Promise<number> {
  for (const a of r.attachments) await deleteFile(a.fileId);
  return r.attachments.length;
}

/** A draft goes with its files. */
async function deleteDraft(r: SurveyResponse): Promise<ReportLine[]> {
  const files = await deleteResponse(r);
  return [
    ...line('Brouillon de réponse', 1, 'supprimé'),
    ...line('Fichier joint', files, 'supprimé'),
  ];
}

/** A revision with the person's answers taken out (the change itself stays: when, which page). */
const scrubbed = (revision: Revision): Revision => ({
  ...revision,
  changes: revision.changes.map((c) =>
    personalQuestionIds.includes(c.question) ? { question: c.question } : c,
  ),
});

/**
 * A sent response keeps the practice (its answers count in the figures and may be a sheet) and
 * loses the person: name, e-mail, phone, everywhere the response holds them, and its files.
 */
export async function eraseSentResponse(r: SurveyResponse, now: Date): Promise<ReportLine[]> {
  const files = await deleteFiles(r);
  const lines = [
    ...line(contactLabel, 1, 'anonymisé'),
    ...line('Fichier joint', files, 'supprimé'),
  ];
  const $unset: Record<string, ''> = { contactEmail: '' };
  for (const id of personalQuestionIds) {
    $unset[`answers.${id}`] = '';
    $unset[`firstSubmission.answers.${id}`] = '';
  }
  await ResponseModel.updateOne(
    { _id: r._id },
    {
      $unset,
      $set: { revisions: r.revisions.map(scrubbed), attachments: [], erasure: { at: now, lines } },
    },
  );
  await responsesWritten([r._id]);
  return lines;
}

/** What an erasure did everywhere, shown by the response's link (no personal data in it). */
export async function recordErasure(responseId: Types.ObjectId, lines: ReportLine[]) {
  await ResponseModel.updateOne({ _id: responseId }, { $set: { 'erasure.lines': lines } });
}

async function erase(subject: DataSubject, now: Date): Promise<ReportLine[]> {
  const lines: ReportLine[] = [];
  for (const r of await responsesOf(subject)) {
    if (r.status !== 'envoyee') lines.push(...(await deleteDraft(r)));
    else if (!r.erasure) lines.push(...(await eraseSentResponse(r, now)));
  }
  return lines;
}

const warningDays = 30;
const draftAddress = (r: Pick<SurveyResponse, 'contactEmail' | 'answers'>) =>
  r.contactEmail ??
  (typeof r.answers?.emailRepondant === 'string' ? r.answers.emailRepondant : undefined);

/** Documents per batch of the retention's read: a response decodes in up to ~2 ms under load. */
const retentionBatch = 10;

/**
 * What the retention needs of every response. Unfiltered, in small batches: a filter on `status`
 * would have the embedded database decode every response under its lock in one command.
 */
const retentionView = () =>
  ResponseModel.find(
    {},
    {
      status: 1,
      updatedAt: 1,
      submittedAt: 1,
      erasure: 1,
      retentionWarnedAt: 1,
      contactEmail: 1,
      'answers.emailRepondant': 1,
    },
  )
    .batchSize(retentionBatch)
    .lean<SurveyResponse[]>();

/**
 * Drafts left unsaved for the configured months are deleted; one with an address is first warned
 * (a month before, with a new link: the database keeps only the link's hash), and deleted only a
 * month after its warning.
 */
async function retainDrafts(run: RetentionRun, drafts: SurveyResponse[]): Promise<ReportLine[]> {
  const expiry = before(run.now, { months: run.policy.draftMonths });
  const warnFrom = before(run.now, { months: run.policy.draftMonths - 1 });
  const warnedEnough = before(run.now, { days: warningDays });
  let deleted = 0;
  let warned = 0;
  for (const d of drafts) {
    const address = draftAddress(d);
    const warning =
      d.retentionWarnedAt && d.retentionWarnedAt >= d.updatedAt ? d.retentionWarnedAt : undefined;
    if (d.updatedAt < expiry && (!address || (warning && warning <= warnedEnough))) {
      deleted += 1;
      if (!run.dryRun) {
        const full = await ResponseModel.findOne({ _id: d._id }).lean<SurveyResponse>();
        if (full && full.status === 'brouillon') await deleteDraft(full);
      }
    } else if (d.updatedAt < warnFrom && address && !warning) {
      warned += 1;
      if (!run.dryRun) await warnDraft(run, d, address);
    }
  }
  return [
    ...line('Brouillon non envoyé depuis le délai', deleted, 'supprimé'),
    ...line('Brouillon bientôt supprimé : personne prévenue par e-mail', warned, 'averti'),
  ];
}

/**
 * Sent responses lose the person's data the configured years after the campaign closed (after
 * they were sent when no closing date is set).
 */
async function retainSent(run: RetentionRun, sent: SurveyResponse[]): Promise<ReportLine[]> {
  const closed = run.config.questionnaire.closesAt;
  const expiry = before(run.now, { years: run.policy.responseYears });
  const expired = sent.filter(
    (r) => !r.erasure && (closed ? new Date(closed) : r.submittedAt!) < expiry,
  );
  if (!run.dryRun) {
    for (const { _id } of expired) {
      const full = await ResponseModel.findOne({ _id }).lean<SurveyResponse>();
      if (full && !full.erasure) await eraseSentResponse(full, run.now);
    }
  }
  const what = 'Réponse envoyée au-delà du délai : coordonnées et fichiers';
  return line(what, expired.length, 'anonymisé');
}

async function retain(run: RetentionRun): Promise<ReportLine[]> {
  const all = await retentionView();
  return [
    ...(await retainDrafts(
      run,
      all.filter((r) => r.status !== 'envoyee'),
    )),
    ...(await retainSent(
      run,
      all.filter((r) => r.status === 'envoyee'),
    )),
  ];
}

async function warnDraft(run: RetentionRun, d: SurveyResponse, to: string): Promise<void> {
  const full = await ResponseModel.findOne({ _id: d._id }, { tokenHash: 1 }).lean<SurveyResponse>();
  if (!full) return;
  const token = await reissueLink(full);
  const deletion = parisDate(before(run.now, { days: -warningDays }));
  await run.mailer.send(
    draftExpiryEmail(to, `${run.config.baseUrl}${resumePath(token)}`, deletion),
  );
  // Not a change by the person: the draft's last save stays what the delay counts from.
  await ResponseModel.updateOne(
    { _id: d._id },
    { $set: { retentionWarnedAt: run.now } },
    { timestamps: false },
  );
}

export const responsesPersonalData: PersonalDataDeclaration = {
  processing: {
    name: 'Questionnaire des bonnes pratiques',
    purpose:
      'Recueillir les pratiques d’animation de la clause sociale, recontacter la personne qui répond, préparer les fiches du recueil et les chiffres du programme.',
    legalBasis: 'Consentement (case cochée avant l’envoi) et intérêt légitime du programme.',
    people: 'Personnes qui répondent au questionnaire pour leur structure.',
    data: 'Nom, fonction, e-mail et téléphone professionnels ; structure ; réponses ; documents et photos joints.',
    recipients:
      'L’équipe du programme (modération, rédaction), limitée à sa région pour un coordinateur régional.',
    retention: (p) =>
      `Brouillons non envoyés : supprimés ${p.draftMonths} mois après leur dernier enregistrement (la personne est prévenue par e-mail un mois avant). Réponses envoyées : nom, e-mail, téléphone et fichiers effacés ${p.responseYears} ans après la clôture du questionnaire ; la description de la pratique reste pour les statistiques.`,
  },
  fields: {
    Response: {
      personal: [
        ...personalQuestionIds.map((id) => `answers.${id}`),
        'contactEmail',
        'firstSubmission.answers',
        'revisions.changes',
        'attachments',
      ],
      notPersonal: {
        'attachments.filename': 'nom du fichier joint, effacé avec le fichier',
        'revisions.by': 'rôle de l’auteur du changement (« répondant », « modération »)',
      },
    },
    OlderLink: { personal: [], notPersonal: { _id: 'empreinte d’un lien, sans donnée' } },
  },
  find: async (subject) => (await responsesOf(subject)).map(held),
  erase,
  retain,
};
