/** The audit log: what other features import (the journal page is mounted by the back office). */
export { auditActions, type AuditAction } from './audit.actions';
export { record, type AuditActor, type AuditEntry } from './audit.service';
export { detailLabels, detailValueLabels, isAuditAction } from './audit.actions';
export { auditPageSize, searchAudit } from './audit.service';
export type { AuditQuery } from './audit.service';
export { auditMigrations } from './audit.migrations';
export { journalPersonalData } from './personal-data';
