import type { Request, RequestHandler, Response } from 'express';
import { setFlash } from '../accounts';
import { AppError, NotFoundError } from '../lib/errors';
import { lineField, readForm, textBlockField, type FieldError } from '../lib/http/form';
import { sendStoredFile } from '../lib/files/attachment-store';
import { findAttachment } from '../questionnaire';
import { moderatorOf } from './moderator';
import { addNote, loadResponse, maxNoteLength, reviewPage } from './review.service';
import { changeStatus } from './status.service';
import { isModerationStatus, statusLabels } from './statuses';

const idOf = (req: Request) => String(req.params.id);
const pagePath = (id: string) => `/moderation/reponses/${id}`;

interface ReviewForm {
  note: string;
  statut: string;
  motif: string;
}

async function render(
  req: Request,
  res: Response,
  status = 200,
  errors: FieldError[] = [],
  form: ReviewForm = { note: '', statut: '', motif: '' },
) {
  const { scope } = moderatorOf(req);
  const view = await reviewPage(await loadResponse(idOf(req), scope), scope);
  res.status(status).render('moderation/review', {
    pageTitle: `${errors.length ? 'Erreur : ' : ''}Réponse ${view.summary.reference}`,
    ...view,
    errors,
    errorFor: Object.fromEntries(errors.map((e) => [e.field, e.message])),
    form,
  });
}

// GET /moderation/reponses/:id — every answer, files, revisions, notes, history, nearby.
export const showResponse: RequestHandler = async (req, res) => {
  await render(req, res);
};

// POST /moderation/reponses/:id/notes — an internal note.
export const postNote: RequestHandler = async (req, res) => {
  const { values } = await readForm<{ note: string }>(req, [textBlockField('note')]);
  const text = values.note;
  const form = { note: text, statut: '', motif: '' };
  const problem = !text
    ? 'Écrivez la note avant de l’enregistrer'
    : text.length > maxNoteLength
      ? `La note ne doit pas dépasser ${maxNoteLength} caractères`
      : undefined;
  if (problem) return render(req, res, 422, [{ field: 'note', message: problem }], form);
  await addNote(idOf(req), text, moderatorOf(req));
  await setFlash(req, 'Note enregistrée.');
  res.redirect(303, `${pagePath(idOf(req))}#notes`);
};

// POST /moderation/reponses/:id/statut — one status change, from the status the page showed.
export const postStatus: RequestHandler = async (req, res) => {
  const { values } = await readForm<Record<'depuis' | 'statut' | 'motif', string>>(req, [
    lineField('depuis'),
    lineField('statut'),
    textBlockField('motif'),
  ]);
  const { depuis: from, statut: to, motif: reason } = values;
  const form = { note: '', statut: to, motif: reason };
  if (!isModerationStatus(from) || !isModerationStatus(to)) {
    return render(
      req,
      res,
      422,
      [{ field: 'statut', message: 'Choisissez le nouveau statut' }],
      form,
    );
  }
  try {
    await changeStatus(idOf(req), { from, to, reason }, moderatorOf(req));
  } catch (error) {
    if (!(error instanceof AppError) || error instanceof NotFoundError) throw error;
    const field = error.message.includes('motif') ? 'motif' : 'statut';
    return render(req, res, error.status, [{ field, message: error.message }], form);
  }
  await setFlash(req, `Statut changé : « ${statusLabels[to]} ».`);
  res.redirect(303, pagePath(idOf(req)));
};

/** Streams an attachment of a response of the moderator's régions (never of another one). */
async function sendFile(req: Request, res: Response, disposition: 'attachment' | 'inline') {
  const response = await loadResponse(idOf(req), moderatorOf(req).scope);
  const attachment = findAttachment(response, String(req.params.fileId));
  if (!attachment || (disposition === 'inline' && !attachment.image)) throw new NotFoundError();
  await sendStoredFile(res, attachment, { disposition, cache: 'private, no-store' });
}

// GET /moderation/reponses/:id/fichiers/:fileId — download, with its stored type.
export const downloadFile: RequestHandler = (req, res) => sendFile(req, res, 'attachment');
// GET /moderation/reponses/:id/fichiers/:fileId/apercu — an image shown on the review page.
export const previewFile: RequestHandler = (req, res) => sendFile(req, res, 'inline');
