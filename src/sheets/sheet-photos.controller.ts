import type { RequestHandler } from 'express';
import { setFlash } from '../auth';
import { ConflictError } from '../lib/errors';
import { textField } from '../lib/http/validate';
import { sendPhoto } from './media.routes';
import { renderEditor } from './sheet.editor';
import { formOf } from './sheet.form';
import { addPhoto, findPhoto, removePhoto } from './sheet-photos';
import { findSheet } from './sheet.service';

/** Photos chosen among the response's images, each with its description for screen readers. */
export const sheetPhotosController: Record<'add' | 'remove' | 'show', RequestHandler> = {
  // POST /moderation/fiches/:id/photos — copies one image of the response to the sheet.
  async add(req, res) {
    const sheet = await findSheet(req.user!, String(req.params.id));
    const fileId = textField(req.body, 'fileId');
    const alt = textField(req.body, 'alt').trim();
    const caption = textField(req.body, 'caption').trim().slice(0, 300);
    if (!alt || alt.length > 250) {
      const message =
        'Décrivez la photo pour les personnes qui ne la voient pas (250 caractères au plus)';
      return renderEditor(res, formOf(sheet as never), sheet, [
        { field: `alt-${fileId.replace(/[^a-f0-9]/g, '')}`, message },
      ]);
    }
    try {
      await addPhoto(sheet, fileId, alt, caption);
      await setFlash(req, 'Photo ajoutée à la fiche.');
    } catch (error) {
      if (!(error instanceof ConflictError)) throw error;
      await setFlash(req, error.message);
    }
    res.redirect(303, `/moderation/fiches/${String(sheet._id)}#photos`);
  },
  // POST /moderation/fiches/:id/photos/retirer
  async remove(req, res) {
    const sheet = await findSheet(req.user!, String(req.params.id));
    try {
      await removePhoto(sheet, textField(req.body, 'fileId'));
      await setFlash(req, 'Photo retirée de la fiche.');
    } catch (error) {
      if (!(error instanceof ConflictError)) throw error;
      await setFlash(req, error.message);
    }
    res.redirect(303, `/moderation/fiches/${String(sheet._id)}#photos`);
  },
  // GET /moderation/fiches/:id/medias/:fileId — a sheet's photo, whatever its status.
  async show(req, res) {
    const sheet = await findSheet(req.user!, String(req.params.id));
    sendPhoto(
      res,
      await findPhoto(String(sheet._id), String(req.params.fileId), true),
      'private, no-store',
    );
  },
};
