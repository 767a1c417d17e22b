import { Types } from 'mongoose';
import { record, type AuditActor } from '../audit';
import { ConflictError, NotFoundError, ValidationFailedError } from '../lib/errors';
import { ResponseModel, type SurveyResponse } from '../questionnaire';
import { inboxRows } from './inbox-cache';
import type { SentRow } from './inbox.service';
import { syncInboxRows } from './inbox-rows';
import type { RowSource } from './inbox-row.model';
import type { StatusChange } from '../questionnaire';
import {
  canMove,
  isModerationStatus,
  needsReason,
  statusLabels,
  type ModerationStatus,
} from './statuses';

/** Who acts, where from, and which régions they may touch (undefined: all). */
export interface Moderator extends AuditActor {
  scope?: string[];
  ip?: string;
}

type WithSummary = Pick<SurveyResponse, '_id' | 'summary'>;
type Written = RowSource & WithSummary;

export const scopeFilter = (scope?: string[]) =>
  scope ? { 'summary.region': { $in: scope } } : {};

/** The id of a response in a URL, or 404. */
export function responseId(id: string): Types.ObjectId {
  if (!Types.ObjectId.isValid(id) || !/^[a-f0-9]{24}$/.test(id)) {
    throw new NotFoundError('Cette réponse n’existe pas');
  }
  return new Types.ObjectId(id);
}

/** A sent response of the moderator's régions, or 404 (never another région's: no IDOR). */
export function responseFilter(id: string, scope?: string[]) {
  return { _id: responseId(id), 'summary.status': { $exists: true }, ...scopeFilter(scope) };
}

/**
 * `responseFilter`'s rule checked here, on a response read by `_id` alone: FerretDB then decodes
 * that one document instead of every response.
 */
export const visibleTo = (r: Pick<SurveyResponse, 'summary'> | null, scope?: string[]) =>
  Boolean(r?.summary?.status) && (!scope || scope.includes(r!.summary!.region));

export const maxReasonLength = 1000;

export interface StatusRequest {
  /** The status the moderator saw (the change only applies if it is still the current one). */
  from: ModerationStatus;
  to: ModerationStatus;
  reason: string;
}

/** Checks a request against the status machine; a French message when it is refused. */
export function refusal({ from, to, reason }: StatusRequest): string | undefined {
  if (!canMove(from, to)) {
    return `Une réponse « ${statusLabels[from]} » ne peut pas passer à « ${statusLabels[to]} »`;
  }
  if (needsReason(to) && !reason.trim()) return 'Indiquez le motif pour écarter cette réponse';
  if (reason.length > maxReasonLength) {
    return `Le motif ne doit pas dépasser ${maxReasonLength} caractères`;
  }
  return undefined;
}

/**
 * Moves one response from the status the moderator saw to another, in one conditional update on
 * that status: of two moderators acting at once, one wins; the other gets a ConflictError naming
 * the status it has now. The change goes to the response's history and to the audit log.
 */
export async function changeStatus(
  id: string,
  request: StatusRequest,
  moderator: Moderator,
  options: { bulk?: boolean } = {},
): Promise<StatusChange> {
  const problem = refusal(request);
  if (problem) throw new ValidationFailedError(problem);
  const filter = responseFilter(id, moderator.scope);
  const change: StatusChange = {
    at: new Date(),
    by: {
      id: new Types.ObjectId(moderator.id),
      name: moderator.name ?? '',
      email: moderator.email,
    },
    from: request.from,
    to: request.to,
    reason: request.reason.trim(),
  };
  const updated = await ResponseModel.findOneAndUpdate(
    { ...filter, 'summary.status': request.from },
    {
      $set: { 'summary.status': request.to, 'summary.statusAt': change.at },
      $push: { 'moderation.history': change },
    },
    // No projection: FerretDB 1.24 refuses one on findAndModify.
    { returnDocument: 'after' },
  ).lean<Written>();
  if (!updated) {
    const current = await ResponseModel.findOne(filter, {
      'summary.status': 1,
    }).lean<WithSummary>();
    if (!current) throw new NotFoundError('Cette réponse n’existe pas');
    const now = current.summary!.status;
    throw new ConflictError(
      `Le statut de cette réponse a été changé entre-temps : elle est maintenant « ${
        isModerationStatus(now) ? statusLabels[now] : now
      } ». Votre changement n’a pas été appliqué ; vérifiez-la avant d’agir à nouveau.`,
    );
  }
  await syncInboxRows([updated._id], [updated]);
  await record({
    actor: moderator,
    action: 'response.status-changed',
    target: { type: 'response', id, label: updated.summary?.reference },
    details: {
      from: request.from,
      to: request.to,
      ...(change.reason && { reason: change.reason }),
      ...(options.bulk && { bulk: true }),
    },
    ip: moderator.ip,
  });
  return change;
}

export interface BulkResult {
  changed: number;
  skipped: string[];
}

/**
 * The same change for several responses of the inbox: each one moves from the status it has
 * now if the machine allows it (each by its own conditional update); the others are listed.
 */
export async function changeStatuses(
  ids: string[],
  to: ModerationStatus,
  reason: string,
  moderator: Moderator,
): Promise<BulkResult> {
  // Their statuses from the inbox rows (no read of every response on FerretDB); one changed
  // meanwhile by another process is a conflict below, and named.
  const rows = await inboxRows();
  const current = [...new Set(ids)]
    .map((id) => rows.get(id))
    .filter((row): row is SentRow => visibleTo(row ?? null, moderator.scope));
  const result: BulkResult = { changed: 0, skipped: [] };
  for (const response of current) {
    const from = response.summary.status;
    try {
      await changeStatus(response._id, { from, to, reason }, moderator, { bulk: true });
      result.changed += 1;
    } catch (error) {
      if (!(error instanceof ValidationFailedError || error instanceof ConflictError)) throw error;
      result.skipped.push(response.summary.reference);
    }
  }
  return result;
}
