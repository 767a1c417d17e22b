import { regionScope, type SessionUser } from '../accounts';
import { followedIndex } from '../lib/followed-collection';
import { SheetModel, type SheetStatus } from './sheet.model';
import { sheetWrites } from './sheets-version';

/**
 * The small part of every sheet that lists, counts and checks need (the back office's list, the
 * taxonomy's counts, the recueil's and meetings' selections, free slugs, import keys), held in
 * memory by each process: the embedded database reads a whole collection for any filter other
 * than `_id`, so these pages never query sheets by anything else (lib/followed-collection.ts).
 */
export interface SheetEntry {
  _id: string;
  slug: string;
  slugHistory: string[];
  title: string;
  structureName: string;
  region: string;
  status: SheetStatus;
  revision: number;
  fictitious: boolean;
  updatedAt?: Date;
  origin: { kind?: string; reference?: string; importKey?: string; responseId?: unknown };
  approval?: { required?: boolean; state?: string; revision?: number };
  actorType: string;
  themes: string[];
  publics: string[];
  marketFamilies: string[];
  legalLevers: string[];
  modalities: string[];
  funders: string[];
  keywords: string[];
  meetingSelections: Array<{
    meeting: string;
    workshop: string;
    position: number;
    presenterName?: string;
    presenterStructure?: string;
  }>;
  recueil?: { chapter?: string; position?: number };
}

const fields =
  'slug slugHistory title structureName region status revision fictitious updatedAt origin.kind origin.reference origin.importKey origin.responseId approval.required approval.state approval.revision actorType themes publics marketFamilies legalLevers modalities funders keywords meetingSelections recueil';

const entryOf = (doc: Record<string, unknown>): SheetEntry =>
  ({ ...doc, _id: String(doc._id), revision: (doc.revision as number) ?? 0 }) as SheetEntry;

/** Every sheet's entry by id (concurrent readers share one load). */
export const sheetIndex = followedIndex<SheetEntry>(sheetWrites, SheetModel, fields, entryOf);

/** The entries of the sheets in the user's régions (every sheet for a national user). */
export async function sheetsInScope(user: SessionUser): Promise<SheetEntry[]> {
  const regions = regionScope(user);
  const all = [...(await sheetIndex()).values()];
  return regions ? all.filter((s) => regions.includes(s.region)) : all;
}
