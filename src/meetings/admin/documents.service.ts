import { Types } from 'mongoose';
import type { SessionUser } from '../../accounts';
import { record } from '../../audit';
import { ConflictError, NotFoundError } from '../../lib/errors';
import { deleteFile } from '../../lib/files/attachment-store';
import type { StoredUpload } from '../../lib/files/upload-storage';
import { MeetingModel } from '../meeting.model';
import { meetingsChanged } from '../meeting.version';
import type { findAdminMeeting } from './meeting-admin.service';

type Meeting = Awaited<ReturnType<typeof findAdminMeeting>>;

/** The journal line of a document added to or removed from a meeting. */
const journal = (
  user: SessionUser,
  meeting: Meeting,
  action: 'meeting.document-added' | 'meeting.document-removed',
  filename: string,
  ip?: string,
) =>
  record({
    actor: user,
    action,
    target: { type: 'meeting', id: meeting.slug, label: meeting.title },
    details: { filename },
    ip,
  });

/** Lists files just stored in GridFS on the meeting (each with the title given, or its name). */
export async function addDocuments(
  user: SessionUser,
  meeting: Meeting,
  files: StoredUpload[],
  title: string,
  ip?: string,
) {
  for (const file of files) {
    const doc = {
      fileId: file.fileId,
      title: title || file.filename,
      filename: file.filename,
      contentType: file.contentType,
      size: file.size,
    };
    await MeetingModel.updateOne({ _id: meeting._id }, { $push: { documents: doc } });
    await meetingsChanged();
    await journal(user, meeting, 'meeting.document-added', file.filename, ip);
  }
}

/**
 * Takes a document off the meeting, then deletes its file. The exact stored element is pulled on
 * the condition that it is still at its index, through the raw collection (Mongoose would recast
 * it): FerretDB 1.24 ignores a `$pull` by condition (tests/db-contract/README.md).
 */
export async function removeDocument(
  user: SessionUser,
  meeting: Meeting,
  fileId: string,
  ip?: string,
) {
  const index = (meeting.documents ?? []).findIndex((d) => String(d.fileId) === fileId);
  if (index < 0) throw new NotFoundError('Document introuvable');
  const doc = meeting.documents[index];
  const pulled = await MeetingModel.collection.updateOne(
    { _id: meeting._id, [`documents.${index}`]: doc },
    { $pull: { documents: doc } } as never,
  );
  if (pulled.modifiedCount !== 1) {
    throw new ConflictError('La liste des documents a changé entre-temps : rechargez la page.');
  }
  await meetingsChanged();
  await deleteFile(new Types.ObjectId(String(doc.fileId)));
  await journal(user, meeting, 'meeting.document-removed', doc.filename, ip);
  return doc;
}
