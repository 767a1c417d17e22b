import type { EditorSection } from '../sheets';
import { recueilChapters } from './recueil.service';

/** The sheet editor's « Recueil national » section: the chapter the sheet is in. */
export const recueilSection: EditorSection = {
  view: '/recueil/_sheet-chapter',
  locals: async () => ({ chapters: await recueilChapters() }),
};
