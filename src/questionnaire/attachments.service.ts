import { Types } from 'mongoose';
import type { Config } from '../config';
import { deleteFile, openFile, storeFile } from '../files/attachment-store';
import {
  allowedTypesLabel,
  sanitiseFilename,
  sniffFileType,
  type AllowedType,
} from '../files/file-type';
import { NotFoundError } from '../lib/errors';
import type { FieldError } from './section-validation';
import { ResponseModel, type Attachment, type SurveyResponse } from './response.model';

export const uploadField = 'fichiers';
/** id of the file input, where upload errors link to. */
export const uploadInputId = 'fichiers-input';
export const captionField = (fileId: Types.ObjectId | string) => `legende-${String(fileId)}`;
const captionMax = 250;
const mb = (bytes: number) => `${Math.round(bytes / (1024 * 1024))} Mo`;

export interface IncomingFile {
  originalname: string;
  buffer: Buffer;
  size: number;
}

/** Checks new files against the type allow-list (by content) and the per-response limits. */
export function checkUploads(
  response: SurveyResponse,
  files: IncomingFile[],
  limits: Config['uploads'],
): { errors: FieldError[]; accepted: Array<{ file: IncomingFile; type: AllowedType }> } {
  const errors: FieldError[] = [];
  const accepted: Array<{ file: IncomingFile; type: AllowedType }> = [];
  for (const file of files) {
    const type = sniffFileType(file.buffer);
    if (!type) {
      errors.push({
        field: uploadInputId,
        message: `« ${file.originalname} » n’est pas dans un format accepté (${allowedTypesLabel}) : son contenu ne correspond pas à un document autorisé`,
      });
    } else if (file.size > limits.maxFileBytes) {
      errors.push({
        field: uploadInputId,
        message: `« ${file.originalname} » dépasse la taille maximale de ${mb(limits.maxFileBytes)} par fichier`,
      });
    } else {
      accepted.push({ file, type });
    }
  }
  const count = response.attachments.length + files.length;
  if (count > limits.maxFiles) {
    errors.push({
      field: uploadInputId,
      message: `Vous pouvez joindre au plus ${limits.maxFiles} fichiers (vous en avez déjà ${response.attachments.length})`,
    });
  }
  const total =
    response.attachments.reduce((s, a) => s + a.size, 0) + files.reduce((s, f) => s + f.size, 0);
  if (total > limits.maxTotalBytes) {
    errors.push({
      field: uploadInputId,
      message: `L’ensemble des fichiers joints ne peut pas dépasser ${mb(limits.maxTotalBytes)}`,
    });
  }
  return { errors, accepted: errors.length ? [] : accepted };
}

/** Stores the files in GridFS and lists them on the response; all or nothing. */
export async function addAttachments(
  response: SurveyResponse,
  accepted: Array<{ file: IncomingFile; type: AllowedType }>,
): Promise<void> {
  const stored: Attachment[] = [];
  try {
    for (const { file, type } of accepted) {
      const filename = sanitiseFilename(file.originalname, type);
      const fileId = await storeFile({
        filename,
        contentType: type.mime,
        data: file.buffer,
        ownerId: response._id,
      });
      stored.push({
        fileId,
        filename,
        contentType: type.mime,
        size: file.size,
        image: type.image,
        uploadedAt: new Date(),
      });
    }
    if (stored.length) {
      await ResponseModel.updateOne(
        { _id: response._id },
        { $push: { attachments: { $each: stored } } },
      );
    }
  } catch (error) {
    await Promise.all(stored.map((a) => deleteFile(a.fileId)));
    throw error;
  }
}

/** Captions typed for the listed files; images need one when the page is completed. */
export function readCaptions(
  response: SurveyResponse,
  body: Record<string, unknown>,
  complete: boolean,
): { errors: FieldError[]; captions: Map<string, string> } {
  const errors: FieldError[] = [];
  const captions = new Map<string, string>();
  for (const a of response.attachments) {
    const field = captionField(a.fileId);
    const raw = body[field];
    if (raw !== undefined && typeof raw !== 'string') {
      errors.push({
        field,
        message: 'La valeur envoyée n’est pas valide : rechargez la page et réessayez.',
      });
      continue;
    }
    const caption = (raw ?? a.caption ?? '').trim();
    if (caption.length > captionMax) {
      errors.push({
        field,
        message: `La légende de « ${a.filename} » doit contenir au plus ${captionMax} caractères`,
      });
    } else if (complete && a.image && !caption) {
      errors.push({
        field,
        message: `Décrivez l’image « ${a.filename} » en quelques mots (texte alternatif)`,
      });
    }
    captions.set(String(a.fileId), caption);
  }
  return { errors, captions };
}

export async function saveCaptions(
  response: SurveyResponse,
  captions: Map<string, string>,
): Promise<void> {
  if (captions.size === 0) return;
  const attachments = response.attachments.map((a) => ({
    ...a,
    caption: captions.get(String(a.fileId)) || undefined,
  }));
  await ResponseModel.updateOne({ _id: response._id }, { $set: { attachments } });
}

function findAttachment(response: SurveyResponse, fileId: string): Attachment {
  const attachment = Types.ObjectId.isValid(fileId)
    ? response.attachments.find((a) => String(a.fileId) === fileId)
    : undefined;
  if (!attachment) throw new NotFoundError('Ce fichier n’existe pas ou a été supprimé');
  return attachment;
}

export async function removeAttachment(response: SurveyResponse, fileId: string): Promise<void> {
  const attachment = findAttachment(response, fileId);
  // $set of the filtered list: FerretDB 1.24's $pull only removes exact values, not by condition.
  const remaining = response.attachments.filter((a) => !a.fileId.equals(attachment.fileId));
  await ResponseModel.updateOne({ _id: response._id }, { $set: { attachments: remaining } });
  await deleteFile(attachment.fileId);
}

/** A file of this response only: the resume token is the access check. */
export function openAttachment(response: SurveyResponse, fileId: string) {
  const attachment = findAttachment(response, fileId);
  return { attachment, stream: openFile(attachment.fileId) };
}
