import type { EditorSection } from '../../sheets';
import { allWorkshops } from './workshops';

/** The sheet editor's « Rencontres régionales » section: the workshops of the user's meetings. */
export const workshopsSection: EditorSection = {
  view: '/meetings/admin/_sheet-workshops',
  locals: async (user) => ({ workshops: await allWorkshops(user) }),
};
