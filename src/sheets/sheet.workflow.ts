import { record } from '../audit';
import type { SessionUser } from '../accounts';
import type { Config } from '../lib/config';
import { bumpContentVersion } from '../lib/content-version';
import { ConflictError } from '../lib/errors';
import { hashToken, newToken } from '../lib/secret-token';
import type { Mailer } from '../lib/mail';
import { SheetModel } from './sheet.model';
import { ResponseModel, type SurveyResponse } from '../questionnaire';
import { approvalRequestEmail, authorAnswerEmail } from './sheet.emails';
import { SheetVersionModel } from './sheet-version.model';
import { scopeFilter, type Sheet } from './sheet.service';
import { recordVersion } from './sheet.versions';

export interface WorkflowDeps {
  config: Config;
  mailer: Mailer;
}

/**
 * A section that a higher layer adds to the sheet editor (a meeting's workshops, the recueil's
 * chapters): its partial, and the locals it needs for this user and sheet.
 */
export interface EditorSection {
  view: string;
  locals(user: SessionUser, sheet: Sheet): Promise<Record<string, unknown>>;
}

/**
 * A sheet as its public page would show it (the public layer renders it): the preview and the
 * author's approval page show exactly that.
 */
/** The public page's locals for a sheet, its files served from `mediaBase`. */
export type SheetPreview = (
  sheet: Sheet,
  mediaBase: string,
) => Promise<Record<string, unknown> & { practice: unknown }>;

/** What the sheets' back-office pages need: e-mails, the preview, the editor's sections. */
export interface SheetsDeps extends WorkflowDeps {
  preview: SheetPreview;
  editorSections: EditorSection[];
}

const target = (sheet: { _id: unknown; title: string }) => ({
  type: 'fiche',
  id: String(sheet._id),
  label: sheet.title,
});

async function respondentOf(sheet: Sheet) {
  const response = await ResponseModel.findOne(
    { _id: sheet.origin?.responseId },
    'contactEmail answers.emailRepondant reference',
  ).lean<SurveyResponse>();
  const email = response?.contactEmail || (response?.answers?.emailRepondant as string | undefined);
  return { email, reference: response?.reference };
}

/** How long an e-mailed approval link opens the sheet's approval page. */
const approvalLinkDays = 30;

/**
 * E-mails the respondent that the sheet waits for their reading (request, reminder, new version),
 * with a link for this sheet's approval only: each e-mail replaces the previous link (only its
 * hash is stored, so a link cannot be sent twice).
 */
export async function notifyAuthor(deps: WorkflowDeps, sheet: Sheet, reminder = false) {
  const { email, reference } = await respondentOf(sheet);
  if (!email) return false;
  const token = newToken();
  const issued = await SheetModel.updateOne(
    { _id: sheet._id, 'approval.state': 'demandee' },
    {
      $set: {
        'approval.tokenHash': hashToken(token),
        'approval.tokenExpiresAt': new Date(Date.now() + approvalLinkDays * 24 * 3600 * 1000),
      },
    },
  );
  if (issued.matchedCount !== 1) return false;
  await deps.mailer.send(
    approvalRequestEmail(
      email,
      sheet.title,
      reference,
      approvalUrl(deps, token),
      approvalLinkDays,
      reminder,
    ),
  );
  return true;
}

/** The e-mailed approval link of one sheet: its token is a secret (hashed, kept out of logs). */
export const approvalLinkRoute = '/fiches/validation/:token';
export const approvalPath = (token: string) => `/fiches/validation/${token}`;
const approvalUrl = (deps: WorkflowDeps, token: string) =>
  `${deps.config.baseUrl}${approvalPath(token)}`;

/** The sheet is ready: the respondent is asked to approve this revision. */
export async function requestApproval(
  deps: WorkflowDeps,
  user: SessionUser,
  sheet: Sheet,
  revision: number,
  ip?: string,
) {
  if (sheet.origin?.kind !== 'reponse' || !sheet.approval?.required) {
    throw new ConflictError('Cette fiche n’a pas besoin de la validation de son auteur.');
  }
  const updated = await SheetModel.findOneAndUpdate(
    {
      _id: sheet._id,
      revision,
      status: { $in: ['brouillon', 'en-attente', 'depubliee'] },
      ...scopeFilter(user),
    },
    {
      $set: {
        status: 'en-attente',
        'approval.state': 'demandee',
        'approval.revision': revision,
        'approval.requestedAt': new Date(),
      },
      $unset: { 'approval.remindedAt': '', 'approval.comment': '', 'approval.decidedAt': '' },
    },
    { returnDocument: 'after' },
  ).lean();
  if (!updated)
    throw new ConflictError(
      'La fiche a changé entre-temps : rechargez-la avant de demander la validation.',
    );
  await notifyAuthor(deps, updated);
  await recordVersion(updated as never, 'demande-validation', user);
  await record({ actor: user, action: 'sheet.approval-requested', target: target(updated), ip });
}

/** One reminder, only while the author has not answered. */
export async function remindAuthor(
  deps: WorkflowDeps,
  user: SessionUser,
  sheet: Sheet,
  ip?: string,
) {
  const updated = await SheetModel.findOneAndUpdate(
    {
      _id: sheet._id,
      'approval.state': 'demandee',
      'approval.remindedAt': { $exists: false },
      ...scopeFilter(user),
    },
    { $set: { 'approval.remindedAt': new Date() } },
    { returnDocument: 'after' },
  ).lean();
  if (!updated)
    throw new ConflictError('Une relance a déjà été envoyée, ou l’auteur a déjà répondu.');
  await notifyAuthor(deps, updated, true);
  await record({ actor: user, action: 'sheet.approval-reminded', target: target(updated), ip });
}

/**
 * The respondent's answer, through their private link, about the revision they read: « Je valide »
 * approves exactly that revision; « Je demande une modification » sends the sheet back to the team.
 */
export async function decide(
  deps: WorkflowDeps,
  sheet: Sheet,
  revision: number,
  decision: 'valider' | 'modifier',
  comment: string,
  ip?: string,
) {
  const approve = decision === 'valider';
  const updated = await SheetModel.findOneAndUpdate(
    {
      _id: sheet._id,
      'origin.kind': 'reponse',
      revision,
      'approval.state': 'demandee',
      'approval.revision': revision,
    },
    {
      $set: {
        status: approve ? 'validee' : 'brouillon',
        'approval.state': approve ? 'validee' : 'modification-demandee',
        'approval.decidedAt': new Date(),
        ...(approve ? {} : { 'approval.comment': comment }),
      },
    },
    { returnDocument: 'after' },
  ).lean();
  if (!updated)
    throw new ConflictError(
      'Cette version de la fiche n’attend plus votre réponse : rechargez la page.',
    );
  await recordVersion(
    updated as never,
    approve ? 'validation-auteur' : 'modification-demandee',
    null,
  );
  await notifyModerator(deps, updated, approve, comment);
  await record({
    actor: null,
    action: approve ? 'sheet.approved' : 'sheet.change-requested',
    target: target(updated),
    details: { revision, ...(approve ? {} : { comment: comment.slice(0, 500) }) },
    ip,
  });
}

/** The answer reaches the moderator who asked for the approval (the last request's author). */
async function notifyModerator(
  deps: WorkflowDeps,
  sheet: Sheet,
  approved: boolean,
  comment: string,
) {
  const request = await SheetVersionModel.findOne(
    { sheetId: sheet._id, action: 'demande-validation' },
    'by',
  )
    .sort({ at: -1 })
    .lean();
  if (!request?.by?.email) return;
  const url = `${deps.config.baseUrl}/moderation/fiches/${String(sheet._id)}`;
  await deps.mailer.send(authorAnswerEmail(request.by.email, sheet.title, approved, comment, url));
}

/** Publishable: not from a response, or its author consented, or approved this very revision. */
const publishable = (revision: number): Record<string, unknown> => ({
  $or: [
    { 'approval.required': { $ne: true } },
    { 'approval.state': 'validee', 'approval.revision': revision },
  ],
});

export async function publish(user: SessionUser, sheet: Sheet, revision: number, ip?: string) {
  const now = new Date();
  // A first publication keeps its date for good: set in the same write, on the condition that
  // none was set meanwhile (then the sheet changed: reload).
  const first = !sheet.firstPublishedAt;
  const updated = await SheetModel.findOneAndUpdate(
    {
      _id: sheet._id,
      revision,
      status: { $ne: 'publiee' },
      ...(first && { firstPublishedAt: { $exists: false } }),
      ...publishable(revision),
      ...scopeFilter(user),
    },
    { $set: { status: 'publiee', publishedAt: now, ...(first && { firstPublishedAt: now }) } },
    { returnDocument: 'after' },
  ).lean();
  if (!updated) {
    throw new ConflictError(
      sheet.approval?.required &&
        !(sheet.approval.state === 'validee' && sheet.approval.revision === revision)
        ? 'Publication refusée : l’auteur n’a pas validé cette version de la fiche.'
        : 'La fiche a changé entre-temps, ou elle est déjà publiée : rechargez-la.',
    );
  }
  await bumpContentVersion();
  await recordVersion(updated as never, 'publication', user);
  await record({ actor: user, action: 'sheet.published', target: target(updated), ip });
}

export async function unpublish(user: SessionUser, sheet: Sheet, ip?: string) {
  const updated = await SheetModel.findOneAndUpdate(
    { _id: sheet._id, status: 'publiee', ...scopeFilter(user) },
    { $set: { status: 'depubliee' } },
    { returnDocument: 'after' },
  ).lean();
  if (!updated) throw new ConflictError('Cette fiche n’est pas publiée.');
  await bumpContentVersion();
  await recordVersion(updated as never, 'depublication', user);
  await record({ actor: user, action: 'sheet.unpublished', target: target(updated), ip });
}

/** Who waits for whom, in words, for the list and the editor. */
export function waitingFor(sheet: {
  status: string;
  approval?: { state?: string | null } | null;
}): string {
  const a = sheet.approval;
  if (sheet.status === 'publiee') return '';
  if (a?.state === 'demandee') return 'L’équipe attend la validation de l’auteur';
  if (a?.state === 'modification-demandee') return 'L’auteur attend une modification de l’équipe';
  if (a?.state === 'validee' || sheet.status === 'validee')
    return 'Validée : l’équipe peut publier';
  return 'L’équipe rédige la fiche';
}
