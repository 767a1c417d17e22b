import { Types } from 'mongoose';
import { bumpContentVersion } from '../lib/content-version';
import { wholeReadBatch } from '../lib/db/whole-read';
import { deleteFile } from '../lib/files/attachment-store';
import { sheetIndex } from './sheet-index';
import { SheetVersionModel } from './sheet-version.model';
import { SheetModel } from './sheet.model';

/** What decides that a sheet goes: it is fictitious, or made from a response that goes. */
export interface SheetsToRemove {
  fictitious?: boolean;
  fromResponses?: ReadonlySet<string>;
}

/** The ids of the sheets `which` names (from the sheet index: no read of the sheets). */
export async function sheetsToRemove(which: SheetsToRemove): Promise<string[]> {
  return [...(await sheetIndex()).values()]
    .filter(
      (s) =>
        (which.fictitious && s.fictitious) ||
        (s.origin?.responseId && which.fromResponses?.has(String(s.origin.responseId))),
    )
    .map((s) => s._id);
}

/**
 * Deletes sheets for good, with their files (photos, documents) and their kept versions, each
 * document by `_id` (any other filter decodes the whole collection on the embedded database); the
 * sheet index and the public pages follow. Returns how many went.
 */
export async function removeSheets(ids: readonly string[]): Promise<number> {
  if (!ids.length) return 0;
  const going = new Set(ids);
  const versions = await SheetVersionModel.find({}, 'sheetId').batchSize(wholeReadBatch).lean();
  for (const v of versions.filter((v) => going.has(String(v.sheetId)))) {
    await SheetVersionModel.deleteOne({ _id: v._id });
  }
  let published = false;
  let removed = 0;
  for (const id of ids) {
    const sheet = await SheetModel.findOneAndDelete({ _id: new Types.ObjectId(id) }).lean();
    if (!sheet) continue;
    for (const f of [...sheet.photos, ...sheet.documents]) await deleteFile(f.fileId);
    published ||= sheet.status === 'publiee';
    removed += 1;
  }
  if (published) await bumpContentVersion();
  return removed;
}
