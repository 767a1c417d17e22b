import { Types } from 'mongoose';
import { record } from '../audit';
import { NotFoundError } from '../lib/errors';
import { allQuestions, definition, labelOf, sections } from '../questionnaire';
import { reviewSections } from '../questionnaire';
import { handlers, type Answer } from '../questionnaire';
import { ResponseModel, type SurveyResponse } from '../questionnaire';
import { summaryView, statusView } from './labels';
import type { InternalNote } from '../questionnaire';
import { nearbyResponses } from './nearby';
import { responseFilter, responseId, visibleTo, type Moderator } from './status.service';
import { actionLabels, needsReason, nextStatuses, statusLabels } from './statuses';

const questionById = new Map(allQuestions.map((q) => [q.id, q]));

/** A sent response of the moderator's régions, or 404. */
export async function loadResponse(id: string, scope?: string[]): Promise<SurveyResponse> {
  const response = await ResponseModel.findOne(
    { _id: responseId(id) },
    { tokenHash: 0 },
  ).lean<SurveyResponse>();
  if (!response || !visibleTo(response, scope)) {
    throw new NotFoundError('Cette réponse n’existe pas');
  }
  return response;
}

/** An answer in words (the question's own display; raw text when the question is gone). */
function answerLines(questionId: string, value: unknown): string[] {
  if (value === undefined || value === null || value === '') return [];
  const q = questionById.get(questionId);
  if (q) return handlers[q.type].display(q, value as Answer);
  return Array.isArray(value) ? value.map(String) : [JSON.stringify(value)];
}

/**
 * Answers to questions the current definition no longer has (given under an older version of
 * the questionnaire): shown in a section of their own, never dropped.
 */
function formerAnswers(response: SurveyResponse) {
  return Object.entries(response.answers)
    .filter(([id]) => !questionById.has(id))
    .map(([id, value]) => ({ label: id, lines: answerLines(id, value) }));
}

const sectionTitle = (slug: string) => sections.find((s) => s.slug === slug)?.title ?? slug;

/** Everything the review page shows, in words. */
export async function reviewPage(response: SurveyResponse, scope?: string[]) {
  const summary = response.summary!;
  const id = String(response._id);
  return {
    id,
    summary: summaryView(response._id, summary, response.fictitious),
    definitionVersion: response.definitionVersion,
    currentVersion: definition.version,
    sections: reviewSections(response),
    former: formerAnswers(response),
    attachments: response.attachments.map((a) => ({
      filename: a.filename,
      caption: a.caption ?? '',
      image: a.image,
      size: a.size,
      href: `/moderation/reponses/${id}/fichiers/${String(a.fileId)}`,
      preview: `/moderation/reponses/${id}/fichiers/${String(a.fileId)}/apercu`,
    })),
    revisions: [...response.revisions].reverse().map((r) => ({
      at: r.at,
      by: r.by,
      section: sectionTitle(r.section),
      changes: r.changes.map((c) => ({
        label: labelOf(c.question),
        before: answerLines(c.question, c.before),
        after: answerLines(c.question, c.after),
      })),
    })),
    notes: [...response.moderation.notes].reverse(),
    history: [...response.moderation.history].reverse().map((h) => ({
      at: h.at,
      by: h.by.name || h.by.email,
      from: statusLabels[h.from] ?? h.from,
      to: statusLabels[h.to] ?? h.to,
      reason: h.reason,
    })),
    actions: nextStatuses(summary.status).map((s) => ({
      value: s,
      label: actionLabels[s],
      needsReason: needsReason(s),
    })),
    status: statusView(summary.status),
    nearby: await nearbyResponses(response._id, summary, scope),
  };
}

export const maxNoteLength = 5000;

/** Appends an internal note (author, date) to a response of the moderator's régions. */
export async function addNote(id: string, text: string, moderator: Moderator): Promise<void> {
  const note: InternalNote = {
    _id: new Types.ObjectId(),
    at: new Date(),
    author: {
      id: new Types.ObjectId(moderator.id),
      name: moderator.name ?? '',
      email: moderator.email,
    },
    text,
  };
  const updated = await ResponseModel.findOneAndUpdate(responseFilter(id, moderator.scope), {
    $push: { 'moderation.notes': note },
  }).lean<Pick<SurveyResponse, 'summary'>>();
  if (!updated) throw new NotFoundError('Cette réponse n’existe pas');
  await record({
    actor: moderator,
    action: 'response.note-added',
    target: { type: 'response', id, label: updated.summary?.reference },
    ip: moderator.ip,
  });
}
