import type { Request, RequestHandler } from 'express';
import { Types } from 'mongoose';
import { setFlash } from '../../accounts';
import { record } from '../../audit';
import type { Config } from '../../lib/config';
import { deleteFile } from '../../lib/files/attachment-store';
import { acceptAttribute, allowedTypesLabel } from '../../lib/files/file-type';
import { gridFsStorage, type UploadResult } from '../../lib/files/upload-storage';
import { ConflictError, NotFoundError } from '../../lib/errors';
import { uploadFiles } from '../../lib/http/upload';
import { MeetingModel } from '../meeting.model';
import { findAdminMeeting } from './meeting-admin.service';
import { singleLine } from '../../lib/text';
import { textField } from '../../lib/http/validate';

type Meeting = Awaited<ReturnType<typeof findAdminMeeting>>;
const meetingOf = (req: Request) => (req.res!.locals.adminMeeting as Meeting | undefined)!;

/** Loads the meeting (in the user's scope) before CSRF and before any file is read. */
export const loadAdminMeeting: RequestHandler = async (req, res, next) => {
  res.locals.adminMeeting = await findAdminMeeting(req.user!, String(req.params.slug));
  next();
};

/**
 * Documents published after a meeting (slides, synthesis): streamed into GridFS and identified by
 * their content (the questionnaire's file rules), listed on the public meeting page.
 */
export function documentsController(config: Config) {
  const upload = uploadFiles(
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
  const show: RequestHandler = (req) => render(req);

  // POST /moderation/rencontres/:slug/documents?_csrf=… — multipart upload.
  const add: RequestHandler = async (req, res) => {
    const meeting = meetingOf(req);
    const results = (req.files ?? []) as unknown as UploadResult[];
    const messages: string[] = req.uploadError ? [req.uploadError] : [];
    const title = singleLine(textField(req.body, 'titre')).slice(0, 150);
    for (const r of results) {
      if ('refused' in r) {
        messages.push(
          `« ${r.originalname} » n’est pas accepté : formats permis ${allowedTypesLabel}`,
        );
        continue;
      }
      const doc = {
        fileId: r.fileId,
        title: title || r.filename,
        filename: r.filename,
        contentType: r.contentType,
        size: r.size,
      };
      await MeetingModel.updateOne({ _id: meeting._id }, { $push: { documents: doc } });
      await record({
        actor: req.user!,
        action: 'meeting.document-added',
        target: { type: 'meeting', id: meeting.slug, label: meeting.title },
        details: { filename: r.filename },
        ip: req.ip,
      });
    }
    if (results.length === 0 && messages.length === 0)
      messages.push('Choisissez un fichier à envoyer');
    if (messages.length) {
      res.locals.adminMeeting = await findAdminMeeting(req.user!, meeting.slug);
      return render(req, messages, 422);
    }
    await setFlash(req, 'Document ajouté.');
    res.redirect(303, `/moderation/rencontres/${meeting.slug}/documents`);
  };

  // POST /moderation/rencontres/:slug/documents/:fileId/suppression
  const remove: RequestHandler = async (req, res) => {
    const meeting = meetingOf(req);
    const index = (meeting.documents ?? []).findIndex(
      (d) => String(d.fileId) === req.params.fileId,
    );
    if (index < 0) throw new NotFoundError('Document introuvable');
    const doc = meeting.documents[index];
    // `$pull` of the exact stored element at its index, through the raw collection (Mongoose would
    // recast it): FerretDB 1.24 ignores a `$pull` by condition (tests/db-contract/README.md).
    const pulled = await MeetingModel.collection.updateOne(
      { _id: meeting._id, [`documents.${index}`]: doc },
      { $pull: { documents: doc } } as never,
    );
    if (pulled.modifiedCount !== 1) {
      throw new ConflictError('La liste des documents a changé entre-temps : rechargez la page.');
    }
    await deleteFile(new Types.ObjectId(String(doc.fileId)));
    await record({
      actor: req.user!,
      action: 'meeting.document-removed',
      target: { type: 'meeting', id: meeting.slug, label: meeting.title },
      details: { filename: doc.filename },
      ip: req.ip,
    });
    await setFlash(req, `Document « ${doc.title} » retiré.`);
    res.redirect(303, `/moderation/rencontres/${meeting.slug}/documents`);
  };

  return { upload, show, add, remove };
}
