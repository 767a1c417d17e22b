import type { Request, RequestHandler } from 'express';
import { setFlash } from '../../accounts';
import type { Config } from '../../lib/config';
import { acceptAttribute, allowedTypesLabel } from '../../lib/files/file-type';
import { gridFsStorage, type UploadResult } from '../../lib/files/upload-storage';
import { lineField, readForm } from '../../lib/http/form';
import { uploadFiles } from '../../lib/http/upload';
import { addDocuments, removeDocument } from './documents.service';
import { findAdminMeeting } from './meeting-admin.service';

type Meeting = Awaited<ReturnType<typeof findAdminMeeting>>;
const meetingOf = (req: Request) => (req.res!.locals.adminMeeting as Meeting | undefined)!;
const page = (meeting: Meeting) => `/moderation/rencontres/${meeting.slug}/documents`;

/** Loads the meeting (in the user's scope) before CSRF and before any file is read. */
export const loadAdminMeeting: RequestHandler = async (req, res, next) => {
  res.locals.adminMeeting = await findAdminMeeting(req.user!, String(req.params.slug));
  next();
};

/**
 * Documents published after a meeting (slides, synthesis): streamed into GridFS and identified by
 * their content (the questionnaire's file rules), listed on the public meeting page.
 */
export const uploadDocuments = (config: Config) =>
  uploadFiles(
    'documents',
    config.uploads,
    gridFsStorage({
      ownerId: (req) => meetingOf(req)._id,
      budget: (req) => ({
        files: Math.max(0, 20 - (meetingOf(req).documents?.length ?? 0)),
        bytes: config.uploads.maxTotalBytes,
        tooMany: 'Une rencontre a au plus 20 documents',
        tooLarge: 'Les fichiers envoyés dépassent la taille permise',
      }),
    }),
  );

const render = (req: Request, messages: string[] = [], status = 200) =>
  req.res!.status(status).render('meetings/admin/documents', {
    pageTitle: `Documents – ${meetingOf(req).title}`,
    meeting: meetingOf(req),
    errors: messages.map((message) => ({ href: '#documents', message })),
    acceptAttribute,
    allowedTypesLabel,
  });

// GET /moderation/rencontres/:slug/documents
export const showDocuments: RequestHandler = (req) => render(req);

// POST /moderation/rencontres/:slug/documents?_csrf=… — multipart upload.
export const addDocument: RequestHandler = async (req, res) => {
  const meeting = meetingOf(req);
  const results = (req.files ?? []) as unknown as UploadResult[];
  const { values } = await readForm<{ titre: string }>(req, [lineField('titre')]);
  const messages: string[] = req.uploadError ? [req.uploadError] : [];
  for (const r of results.filter((x) => 'refused' in x)) {
    messages.push(`« ${r.originalname} » n’est pas accepté : formats permis ${allowedTypesLabel}`);
  }
  const stored = results.flatMap((r) => ('refused' in r ? [] : [r]));
  await addDocuments(req.user!, meeting, stored, values.titre.slice(0, 150), req.ip);
  if (results.length === 0 && messages.length === 0)
    messages.push('Choisissez un fichier à envoyer');
  if (messages.length) {
    res.locals.adminMeeting = await findAdminMeeting(req.user!, meeting.slug);
    return render(req, messages, 422);
  }
  await setFlash(req, 'Document ajouté.');
  res.redirect(303, page(meeting));
};

// POST /moderation/rencontres/:slug/documents/:fileId/suppression
export const deleteDocument: RequestHandler = async (req, res) => {
  const meeting = meetingOf(req);
  const doc = await removeDocument(req.user!, meeting, String(req.params.fileId), req.ip);
  await setFlash(req, `Document « ${doc.title} » retiré.`);
  res.redirect(303, page(meeting));
};
