import { Types } from 'mongoose';
import type { AuditAction } from './audit.actions';
import { AuditEventModel } from './audit.model';

/** Who acted: a signed-in user (`req.user` fits), or null for an anonymous visitor. */
export interface AuditActor {
  id: string;
  email: string;
  name?: string;
}

export interface AuditEntry {
  actor: AuditActor | null;
  action: AuditAction;
  /** What the action was about, e.g. `{ type: 'user', id, label: email }`. */
  target?: { type: string; id: string; label?: string };
  /** Small facts worth keeping (never a secret, password or token). */
  details?: Record<string, string | number | boolean | string[] | null>;
  ip?: string;
}

/** Appends one event to the audit log. Awaited by callers: an action that cannot be logged fails. */
export async function record({ actor, action, target, details, ip }: AuditEntry): Promise<void> {
  await AuditEventModel.create({
    actor: actor && {
      id: new Types.ObjectId(actor.id),
      email: actor.email,
      name: actor.name ?? '',
    },
    action,
    target: target ?? null,
    details: details ?? null,
    ip: ip ?? null,
  });
}

export interface AuditQuery {
  actorId?: string;
  action?: AuditAction;
  from?: Date;
  /** Exclusive upper bound. */
  to?: Date;
  page: number;
}

export const auditPageSize = 50;

/** One page of the log, newest first, and the number of matching events. */
export async function searchAudit(query: AuditQuery) {
  const filter: Record<string, unknown> = {};
  if (query.actorId) filter['actor.id'] = new Types.ObjectId(query.actorId);
  if (query.action) filter.action = query.action;
  if (query.from || query.to) {
    filter.at = { ...(query.from && { $gte: query.from }), ...(query.to && { $lt: query.to }) };
  }
  const [events, total] = await Promise.all([
    AuditEventModel.find(filter)
      .sort({ at: -1, _id: -1 })
      .skip((query.page - 1) * auditPageSize)
      .limit(auditPageSize)
      .lean(),
    AuditEventModel.countDocuments(filter),
  ]);
  return { events, total };
}
