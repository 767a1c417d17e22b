import type { RequestHandler } from 'express';
import { actorOptions } from './user.service';
import { errorsByField } from '../lib/http/form';
import { auditActions, detailLabels, detailValueLabels, type AuditAction } from '../audit';
import { auditPageSize, searchAudit } from '../audit';
import { readJournalFilters, type JournalForm } from './journal.filters';

const actionOptions = Object.entries(auditActions).map(([value, label]) => ({ value, label }));

function pageHref(form: JournalForm, page: number): string {
  const params = new URLSearchParams(
    Object.entries(form).filter(([, v]) => v !== '') as Array<[string, string]>,
  );
  if (page > 1) params.set('page', String(page));
  const query = params.toString();
  return `/moderation/journal${query ? `?${query}` : ''}`;
}

const detailValue = (value: unknown) => {
  const text = Array.isArray(value) ? value.join(', ') : String(value);
  // Typed values (an e-mail) end up here too: only the table's own keys are translated.
  return Object.hasOwn(detailValueLabels, text) ? detailValueLabels[text] : text;
};
const detailLines = (details: unknown) =>
  Object.entries((details ?? {}) as Record<string, unknown>).map(
    ([key, value]) => `${detailLabels[key] ?? key} : ${detailValue(value)}`,
  );

// GET /moderation/journal — the audit log, newest first, filtered from an allow-list.
export const journalPage: RequestHandler = async (req, res) => {
  const { form, query, errors } = readJournalFilters(req.query);
  const [actors, result] = await Promise.all([
    actorOptions(),
    errors.length ? undefined : searchAudit(query),
  ]);
  const pages = result ? Math.max(1, Math.ceil(result.total / auditPageSize)) : 1;
  res.status(errors.length ? 400 : 200).render('audit/journal', {
    pageTitle: 'Journal',
    form,
    errors,
    errorFor: errorsByField(errors),
    actorOptions: actors,
    actionOptions,
    total: result?.total ?? 0,
    events: (result?.events ?? []).map((e) => ({
      at: e.at,
      actor: e.actor ? e.actor.name || e.actor.email : 'Personne non connectée',
      actorEmail: e.actor?.email ?? '',
      action: auditActions[e.action as AuditAction] ?? e.action,
      target: e.target?.label || e.target?.id || '',
      details: detailLines(e.details),
      ip: e.ip ?? '',
    })),
    page: query.page,
    pages,
    previous: query.page > 1 ? pageHref(form, query.page - 1) : null,
    next: result && query.page < pages ? pageHref(form, query.page + 1) : null,
  });
};
