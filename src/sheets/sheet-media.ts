import { pipeline } from 'node:stream/promises';
import { Types } from 'mongoose';
import { deleteFile, openFile, openUpload } from '../lib/files/attachment-store';
import { bumpContentVersion } from '../lib/content-version';
import { ConflictError, NotFoundError } from '../lib/errors';
import { SheetModel } from './sheet.model';
import { ResponseModel, type SurveyResponse } from '../questionnaire';
import type { Sheet } from './sheet.service';

/** A sheet's files: photos (images, with a description) and documents (the other files). */
export type MediaKind = 'photos' | 'documents';
export const mediaKinds: readonly MediaKind[] = ['photos', 'documents'];

/** The response's attachments of that kind: the only files a moderator may copy to the sheet. */
export async function candidateFiles(sheet: Pick<Sheet, 'origin'>, kind: MediaKind) {
  if (!sheet.origin?.responseId) return [];
  const response = await ResponseModel.findOne(
    { _id: sheet.origin.responseId },
    'attachments',
  ).lean<SurveyResponse>();
  return (response?.attachments ?? []).filter((a) => a.image === (kind === 'photos'));
}

const changed = {
  photos: 'Les photos de la fiche ont changé entre-temps : rechargez la page et réessayez.',
  documents: 'Les documents de la fiche ont changé entre-temps : rechargez la page et réessayez.',
};
const notCandidate = {
  photos: 'Ce fichier n’est pas une photo de la réponse',
  documents: 'Ce fichier n’est pas un document de la réponse',
};

/**
 * Copies one attachment of the response to the sheet, with its description (alt text of a photo,
 * link text of a document). The sheet gets its own GridFS file (owned by the sheet): the response
 * and its attachment stay untouched.
 */
export async function addMedia(
  sheet: Sheet,
  kind: MediaKind,
  fileId: string,
  text: { alt?: string; caption?: string },
) {
  const source = (await candidateFiles(sheet, kind)).find((a) => String(a.fileId) === fileId);
  if (!source) throw new NotFoundError(notCandidate[kind]);
  const upload = openUpload(source.filename, sheet._id);
  await pipeline(openFile(source.fileId), upload);
  const list = sheet[kind];
  const n = list.length;
  const result = await SheetModel.collection.updateOne(
    {
      _id: sheet._id,
      [`${kind}.${n}`]: { $exists: false },
      ...(n > 0 && { [`${kind}.${n - 1}.fileId`]: list[n - 1].fileId }),
    },
    {
      $push: {
        [kind]: {
          fileId: upload.id,
          filename: source.filename,
          contentType: source.contentType,
          size: source.size,
          ...(text.alt && { alt: text.alt }),
          ...(text.caption && { caption: text.caption }),
        },
      },
    } as never,
  );
  if (result.modifiedCount !== 1) {
    await deleteFile(upload.id);
    throw new ConflictError(changed[kind]);
  }
  if (sheet.status === 'publiee') await bumpContentVersion();
}

/** Takes a file off the sheet (exact `$pull` at its index) and deletes the sheet's copy. */
export async function removeMedia(sheet: Sheet, kind: MediaKind, fileId: string) {
  const list = sheet[kind];
  const index = list.findIndex((p) => String(p.fileId) === fileId);
  if (index < 0) throw new NotFoundError();
  const file = list[index];
  const result = await SheetModel.collection.updateOne(
    { _id: sheet._id, [`${kind}.${index}`]: file },
    { $pull: { [kind]: file } } as never,
  );
  if (result.modifiedCount !== 1) throw new ConflictError(changed[kind]);
  await deleteFile(file.fileId);
  if (sheet.status === 'publiee') await bumpContentVersion();
}

/** A file copied to a sheet (published sheets only, unless `anyStatus` for the back office). */
export async function findMedia(sheetId: string, fileId: string, anyStatus: boolean) {
  if (!Types.ObjectId.isValid(sheetId) || !Types.ObjectId.isValid(fileId)) {
    throw new NotFoundError();
  }
  const sheet = await SheetModel.findOne(
    { _id: sheetId, ...(anyStatus ? {} : { status: 'publiee' }) },
    'photos documents',
  ).lean();
  const photo = sheet?.photos.find((p) => String(p.fileId) === fileId);
  if (photo) return { ...photo, inline: true };
  const document = sheet?.documents.find((d) => String(d.fileId) === fileId);
  if (!document) throw new NotFoundError('Ce fichier n’existe pas');
  return { ...document, inline: false };
}
