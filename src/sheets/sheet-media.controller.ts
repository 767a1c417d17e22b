import type { RequestHandler } from 'express';
import { setFlash } from '../accounts';
import { ConflictError } from '../lib/errors';
import { lineField, readForm } from '../lib/http/form';
import { sendMedia } from './media.routes';
import { renderEditor } from './sheet.editor';
import { formOf } from './sheet.form';
import { addMedia, findMedia, removeMedia, type MediaKind } from './sheet-media';
import { findSheet } from './sheet.service';
import type { EditorSection } from './sheet.workflow';

/** The description each kind needs: a photo's text alternative, a document's link text. */
const described = {
  photos: {
    field: 'alt',
    message: 'Décrivez la photo pour les personnes qui ne la voient pas (250 caractères au plus)',
    added: 'Photo ajoutée à la fiche.',
    removed: 'Photo retirée de la fiche.',
  },
  documents: {
    field: 'caption',
    message: 'Donnez l’intitulé du document, tel qu’il sera affiché (250 caractères au plus)',
    added: 'Document ajouté à la fiche.',
    removed: 'Document retiré de la fiche.',
  },
} as const;

/**
 * Photos and documents chosen among the response's attachments: each photo with its description
 * for screen readers, each document with the link text the public page shows.
 */
export function sheetMediaController(
  kind: MediaKind,
  sections: EditorSection[],
): Record<'add' | 'remove', RequestHandler> {
  const d = described[kind];
  return {
    // POST /moderation/fiches/:id/(photos|documents) — copies one attachment to the sheet.
    async add(req, res) {
      const sheet = await findSheet(req.user!, String(req.params.id));
      const { values } = await readForm<Record<string, string>>(req, [
        lineField('fileId'),
        lineField(d.field),
        lineField('caption'),
      ]);
      const { fileId } = values;
      const label = values[d.field];
      if (!label || label.length > 250) {
        return renderEditor(res, sections, formOf(sheet as never), sheet, [
          { field: `${d.field}-${fileId.replace(/[^a-f0-9]/g, '')}`, message: d.message },
        ]);
      }
      const caption = values.caption.slice(0, 300);
      try {
        await addMedia(
          sheet,
          kind,
          fileId,
          kind === 'photos' ? { alt: label, caption } : { caption },
        );
        await setFlash(req, d.added);
      } catch (error) {
        if (!(error instanceof ConflictError)) throw error;
        await setFlash(req, error.message);
      }
      res.redirect(303, `/moderation/fiches/${String(sheet._id)}#${kind}`);
    },
    // POST /moderation/fiches/:id/(photos|documents)/retirer
    async remove(req, res) {
      const sheet = await findSheet(req.user!, String(req.params.id));
      try {
        const { values } = await readForm<{ fileId: string }>(req, [lineField('fileId')]);
        await removeMedia(sheet, kind, values.fileId);
        await setFlash(req, d.removed);
      } catch (error) {
        if (!(error instanceof ConflictError)) throw error;
        await setFlash(req, error.message);
      }
      res.redirect(303, `/moderation/fiches/${String(sheet._id)}#${kind}`);
    },
  };
}

// GET /moderation/fiches/:id/medias/:fileId — a sheet's photo or document, whatever its status.
export const showSheetMedia: RequestHandler = async (req, res) => {
  const sheet = await findSheet(req.user!, String(req.params.id));
  await sendMedia(
    res,
    await findMedia(String(sheet._id), String(req.params.fileId), true),
    'private, no-store',
  );
};
