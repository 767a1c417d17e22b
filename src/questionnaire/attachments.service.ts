import { Types } from 'mongoose';
import type { Config } from '../lib/config';
import { deleteFile } from '../lib/files/attachment-store';
import { allowedTypesLabel } from '../lib/files/file-type';
import type { StoredUpload, UploadBudget, UploadResult } from '../lib/files/upload-storage';
import { NotFoundError } from '../lib/errors';
import { sections } from './questionnaire';
import { amendment } from './response.service';
import type { FieldError } from '../lib/http/form';
import { ResponseModel, type Attachment, type Change, type SurveyResponse } from './response.model';
import { singleLine } from '../lib/text';

/**
 * The files of a response. Every change (add, caption, remove) is one conditional update of the
 * stored list, never a rewrite of a copy read earlier: two requests at once lose nothing. After
 * sending, each change is also kept as a revision, in the same update.
 */
export const uploadField = 'fichiers';
/** id of the file input, where upload errors link to. */
export const uploadInputId = 'fichiers-input';
export const captionField = (fileId: Types.ObjectId | string) => `legende-${String(fileId)}`;
const captionMax = 250;
const attempts = 5;
/** The page that holds the files (revisions name it). */
const uploadSection = sections.find((s) => s.attachments)!.slug;
const mb = (bytes: number) => `${Math.round(bytes / (1024 * 1024))} Mo`;

const tooMany = (limits: Config['uploads'], already: number) =>
  `Vous pouvez joindre au plus ${limits.maxFiles} fichiers${already ? ` (vous en avez déjà ${already})` : ''}`;
const tooLarge = (limits: Config['uploads']) =>
  `L’ensemble des fichiers joints ne peut pas dépasser ${mb(limits.maxTotalBytes)}`;
const totalSize = (list: Array<{ size: number }>) => list.reduce((s, a) => s + a.size, 0);

/** What a revision says about a file. */
const described = (a: Pick<Attachment, 'filename' | 'caption'>) => ({
  filename: a.filename,
  ...(a.caption ? { caption: a.caption } : {}),
});
const fileChange = (before?: Attachment, after?: Attachment): Change => ({
  question: uploadField,
  ...(before ? { before: described(before) } : {}),
  ...(after ? { after: described(after) } : {}),
});

async function reload(response: SurveyResponse): Promise<SurveyResponse> {
  const current = await ResponseModel.findById(response._id).lean<SurveyResponse>();
  if (!current) throw new NotFoundError('Cette réponse n’existe plus');
  return current;
}

/** What the limits leave to a new upload on this response: enforced while the files stream in. */
export function uploadBudget(response: SurveyResponse, limits: Config['uploads']): UploadBudget {
  return {
    files: limits.maxFiles - response.attachments.length,
    bytes: limits.maxTotalBytes - totalSize(response.attachments),
    tooMany: tooMany(limits, response.attachments.length),
    tooLarge: tooLarge(limits),
  };
}

/** The files stored by this request, and a message for each one refused for its content. */
export function readUploads(files: UploadResult[]): {
  stored: StoredUpload[];
  errors: FieldError[];
} {
  const errors: FieldError[] = [];
  const stored: StoredUpload[] = [];
  for (const file of files) {
    if ('refused' in file) {
      errors.push({
        field: uploadInputId,
        message: `« ${file.originalname} » n’est pas dans un format accepté (${allowedTypesLabel}) : son contenu ne correspond pas à un document autorisé`,
      });
    } else {
      stored.push(file);
    }
  }
  return { stored, errors };
}

/** Deletes files stored by a request that will not keep them (the page had errors). */
export async function discardUploads(stored: StoredUpload[]): Promise<void> {
  await Promise.all(stored.map((f) => deleteFile(f.fileId)));
}

/**
 * Lists new files on the response if the limits still allow them, in one update conditional on
 * the list being the one just checked (same length, same last file). Another request changed
 * it meanwhile: check again against the new list. Files that cannot be kept are deleted.
 */
export async function attachFiles(
  response: SurveyResponse,
  stored: StoredUpload[],
  limits: Config['uploads'],
): Promise<{ attachments: Attachment[] } | { error: FieldError }> {
  const entries: Attachment[] = stored.map((f) => ({
    fileId: f.fileId,
    filename: f.filename,
    contentType: f.contentType,
    size: f.size,
    image: f.image,
    uploadedAt: new Date(),
  }));
  let current = response;
  let refusal: string | undefined;
  for (let i = 0; i < attempts && !refusal; i++) {
    const list = current.attachments;
    refusal =
      list.length + entries.length > limits.maxFiles
        ? tooMany(limits, list.length)
        : totalSize(list) + totalSize(entries) > limits.maxTotalBytes
          ? tooLarge(limits)
          : undefined;
    if (refusal) break;
    const last = list[list.length - 1];
    const updated = await ResponseModel.findOneAndUpdate(
      {
        _id: response._id,
        [`attachments.${list.length}`]: { $exists: false },
        ...(last ? { [`attachments.${list.length - 1}.fileId`]: last.fileId } : {}),
      },
      {
        $push: {
          attachments: { $each: entries },
          ...(current.status === 'envoyee'
            ? {
                revisions: amendment(
                  uploadSection,
                  entries.map((e) => fileChange(undefined, e)),
                ),
              }
            : {}),
        },
      },
      { returnDocument: 'after' },
    ).lean<SurveyResponse>();
    if (updated) return { attachments: updated.attachments };
    current = await reload(response);
  }
  await discardUploads(stored);
  return {
    error: {
      field: uploadInputId,
      message: refusal ?? 'Les fichiers n’ont pas pu être ajoutés : réessayez dans un instant.',
    },
  };
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
    const caption = singleLine(raw ?? a.caption ?? '');
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

/**
 * Stores the captions that changed, in one update conditional on each file still being at the
 * position read (a removal meanwhile shifts the list: read it again). Returns the new list.
 */
export async function saveCaptions(
  response: SurveyResponse,
  captions: Map<string, string>,
): Promise<Attachment[]> {
  let current = response;
  for (let i = 0; i < attempts; i++) {
    const changed = current.attachments
      .map((a, index) => ({ a, index, caption: captions.get(String(a.fileId)) || undefined }))
      .filter(({ a, caption }) => captions.has(String(a.fileId)) && caption !== a.caption);
    if (changed.length === 0) return current.attachments;
    const filter: Record<string, unknown> = { _id: response._id };
    const $set: Record<string, string> = {};
    const $unset: Record<string, ''> = {};
    for (const { a, index, caption } of changed) {
      filter[`attachments.${index}.fileId`] = a.fileId;
      if (caption) $set[`attachments.${index}.caption`] = caption;
      else $unset[`attachments.${index}.caption`] = '';
    }
    const revision =
      current.status === 'envoyee'
        ? amendment(
            uploadSection,
            changed.map(({ a, caption }) => fileChange(a, { ...a, caption })),
          )
        : undefined;
    const updated = await ResponseModel.findOneAndUpdate(
      filter,
      {
        ...(Object.keys($set).length ? { $set } : {}),
        ...(Object.keys($unset).length ? { $unset } : {}),
        ...(revision ? { $push: { revisions: revision } } : {}),
      },
      { returnDocument: 'after' },
    ).lean<SurveyResponse>();
    if (updated) return updated.attachments;
    current = await reload(response);
  }
  throw new Error('légendes non enregistrées : la liste des fichiers change sans cesse');
}

export function findAttachment(response: SurveyResponse, fileId: string): Attachment | undefined {
  return Types.ObjectId.isValid(fileId)
    ? response.attachments.find((a) => String(a.fileId) === fileId)
    : undefined;
}

/**
 * Removes one file: `$pull` of the exact element read (FerretDB 1.24's `$pull` only removes
 * exact values), conditional on that element still being at its position, then deletes it from
 * GridFS. Already removed (a double click): nothing to do.
 */
export async function removeAttachment(response: SurveyResponse, fileId: string): Promise<void> {
  if (!findAttachment(response, fileId)) {
    throw new NotFoundError('Ce fichier n’existe pas ou a été supprimé');
  }
  let current = response;
  for (let i = 0; i < attempts; i++) {
    const attachment = findAttachment(current, fileId);
    if (!attachment) return;
    const index = current.attachments.indexOf(attachment);
    // The raw collection: Mongoose would cast the element into schema order, and an embedded
    // document only equals itself field for field, in the order it was stored.
    const result = await ResponseModel.collection.updateOne(
      { _id: response._id, [`attachments.${index}`]: attachment },
      {
        $pull: { attachments: attachment },
        ...(current.status === 'envoyee'
          ? { $push: { revisions: amendment(uploadSection, [fileChange(attachment)]) } }
          : {}),
      } as never,
    );
    if (result.modifiedCount === 1) {
      await deleteFile(attachment.fileId);
      return;
    }
    current = await reload(response);
  }
  throw new Error('fichier non supprimé : la liste des fichiers change sans cesse');
}
