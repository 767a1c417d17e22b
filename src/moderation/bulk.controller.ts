import type { RequestHandler } from 'express';
import { setFlash } from '../accounts';
import { lineField, listField, readForm, textBlockField } from '../lib/http/form';
import { renderInbox } from './inbox.controller';
import { moderatorOf } from './moderator';
import { changeStatuses, maxReasonLength } from './status.service';
import { isModerationStatus, needsReason, statusLabels } from './statuses';

/** Back to the inbox state the form came from (only an inbox URL is accepted). */
function inboxReturn(value: string): string {
  return /^\/moderation(\?[^\s#]*)?$/.test(value) ? value : '/moderation';
}

// POST /moderation/reponses/statut — the same status change for the responses ticked in the inbox.
export const postBulkStatus: RequestHandler = async (req, res) => {
  type Values = Record<'retour' | 'statut-groupe' | 'motif', string> & { ids: string[] };
  const { values } = await readForm<Values>(req, [
    lineField('retour'),
    lineField('statut-groupe'),
    textBlockField('motif'),
    listField('ids'),
  ]);
  const ids = values.ids.slice(0, 200);
  const back = inboxReturn(values.retour);
  const to = values['statut-groupe'];
  const reason = values.motif;
  const problem = !isModerationStatus(to)
    ? { field: 'statut-groupe', message: 'Choisissez le nouveau statut' }
    : ids.length === 0
      ? { field: 'choix', message: 'Cochez au moins une réponse' }
      : needsReason(to) && !reason.trim()
        ? { field: 'motif-groupe', message: 'Indiquez le motif pour écarter ces réponses' }
        : reason.length > maxReasonLength
          ? {
              field: 'motif-groupe',
              message: `Le motif ne doit pas dépasser ${maxReasonLength} caractères`,
            }
          : undefined;
  if (problem || !isModerationStatus(to)) {
    const query = Object.fromEntries(new URL(back, 'http://x').searchParams);
    return renderInbox(req, res, query, [problem!]);
  }
  const result = await changeStatuses(ids, to, reason, moderatorOf(req));
  const plural = result.changed > 1 ? 's' : '';
  await setFlash(
    req,
    `${result.changed} réponse${plural} passée${plural} à « ${statusLabels[to]} ».` +
      (result.skipped.length
        ? ` Non modifiées (leur statut ne le permet pas) : ${result.skipped.join(', ')}.`
        : ''),
  );
  res.redirect(303, back);
};
