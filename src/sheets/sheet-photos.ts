import { pipeline } from 'node:stream/promises';
import { Types } from 'mongoose';
import { deleteFile, openFile, openUpload } from '../files/attachment-store';
import { bumpContentVersion } from '../lib/content-version';
import { ConflictError, NotFoundError } from '../lib/errors';
import { PracticeModel } from '../practices/practice.model';
import { ResponseModel, type SurveyResponse } from '../questionnaire/response.model';
import type { Sheet } from './sheet.service';

/** The images attached to the sheet's response: the only files a moderator may copy to it. */
export async function candidatePhotos(sheet: Pick<Sheet, 'origin'>) {
  if (!sheet.origin?.responseId) return [];
  const response = await ResponseModel.findOne(
    { _id: sheet.origin.responseId },
    'attachments',
  ).lean<SurveyResponse>();
  return (response?.attachments ?? []).filter((a) => a.image);
}

const changed = 'Les photos de la fiche ont changé entre-temps : rechargez la page et réessayez.';

/**
 * Copies one image of the response to the sheet, with its description (alt text). The sheet gets
 * its own GridFS file (owned by the sheet): the response and its attachment stay untouched.
 */
export async function addPhoto(sheet: Sheet, fileId: string, alt: string, caption: string) {
  const source = (await candidatePhotos(sheet)).find((a) => String(a.fileId) === fileId);
  if (!source) throw new NotFoundError('Ce fichier n’est pas une photo de la réponse');
  const upload = openUpload(source.filename, sheet._id);
  await pipeline(openFile(source.fileId), upload);
  const n = sheet.photos.length;
  const result = await PracticeModel.collection.updateOne(
    {
      _id: sheet._id,
      [`photos.${n}`]: { $exists: false },
      ...(n > 0 && { [`photos.${n - 1}.fileId`]: sheet.photos[n - 1].fileId }),
    },
    {
      $push: {
        photos: {
          fileId: upload.id,
          filename: source.filename,
          contentType: source.contentType,
          size: source.size,
          alt,
          ...(caption && { caption }),
        },
      },
    } as never,
  );
  if (result.modifiedCount !== 1) {
    await deleteFile(upload.id);
    throw new ConflictError(changed);
  }
  if (sheet.status === 'publiee') await bumpContentVersion();
}

/** Takes a photo off the sheet (exact `$pull` at its index) and deletes the sheet's copy. */
export async function removePhoto(sheet: Sheet, fileId: string) {
  const index = sheet.photos.findIndex((p) => String(p.fileId) === fileId);
  if (index < 0) throw new NotFoundError();
  const photo = sheet.photos[index];
  const result = await PracticeModel.collection.updateOne(
    { _id: sheet._id, [`photos.${index}`]: photo },
    { $pull: { photos: photo } } as never,
  );
  if (result.modifiedCount !== 1) throw new ConflictError(changed);
  await deleteFile(photo.fileId);
  if (sheet.status === 'publiee') await bumpContentVersion();
}

/** A photo of a sheet (published sheets only, unless `anyStatus` for the back office). */
export async function findPhoto(sheetId: string, fileId: string, anyStatus: boolean) {
  if (!Types.ObjectId.isValid(sheetId) || !Types.ObjectId.isValid(fileId)) {
    throw new NotFoundError();
  }
  const sheet = await PracticeModel.findOne(
    { _id: sheetId, ...(anyStatus ? {} : { status: 'publiee' }) },
    'photos',
  ).lean();
  const photo = sheet?.photos.find((p) => String(p.fileId) === fileId);
  if (!photo) throw new NotFoundError('Cette photo n’existe pas');
  return photo;
}
