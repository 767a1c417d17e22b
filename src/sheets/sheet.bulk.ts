import type { Types, UpdateQuery } from 'mongoose';
import { bumpContentVersion } from '../lib/content-version';
import { SheetModel, type SheetRecord } from './sheet.model';

/**
 * One change applied to many sheets, one sheet at a time by `_id` (with `condition` added): the
 * embedded database narrows such a filter to its row, where an `updateMany` over a filter decodes
 * the whole collection for each document it changes (measured quadratic: 1,000 sheets took 11 s
 * under the write lock). Other writes run between two sheets. The public pages follow when a
 * published sheet changed. Returns how many sheets matched.
 */
export async function updateSheetsOneByOne(
  ids: Types.ObjectId[],
  update: UpdateQuery<SheetRecord>,
  condition: Record<string, unknown> = {},
): Promise<number> {
  let matched = 0;
  let published = false;
  for (const _id of ids) {
    // No projection: FerretDB 1.24 refuses one on findAndModify.
    const before = await SheetModel.findOneAndUpdate({ _id, ...condition }, update).lean();
    if (!before) continue;
    matched += 1;
    published ||= before.status === 'publiee';
  }
  if (published) await bumpContentVersion();
  return matched;
}

/**
 * Replaces `from` by `into` in a list field of every sheet that holds it (a taxonomy merge): one
 * read of the collection, then one write per sheet by `_id`, on the condition that its list is
 * still the one read (else, for that sheet, an add then a pull, each safe to repeat). Returns how
 * many sheets changed.
 */
export async function replaceInLists(field: string, from: string, into: string): Promise<number> {
  const sheets = await SheetModel.find({ [field]: from }, { [field]: 1, status: 1 }).lean<
    Array<{ _id: Types.ObjectId; status: string } & Record<string, unknown>>
  >();
  let changed = 0;
  let published = false;
  for (const sheet of sheets) {
    const list = sheet[field] as string[];
    const next = list.includes(into)
      ? list.filter((v) => v !== from)
      : list.map((v) => (v === from ? into : v));
    const once = await SheetModel.updateOne(
      { _id: sheet._id, [field]: list },
      { $set: { [field]: next } },
    );
    if (once.matchedCount === 0) {
      await SheetModel.updateOne({ _id: sheet._id }, { $addToSet: { [field]: into } });
      const pulled = await SheetModel.updateOne({ _id: sheet._id }, { $pull: { [field]: from } });
      if (pulled.matchedCount === 0) continue;
    }
    changed += 1;
    // Read with the list: a sheet published since is followed by the vocabulary's version.
    published ||= sheet.status === 'publiee';
  }
  if (published) await bumpContentVersion();
  return changed;
}

/** The sheets whose `field` holds `value` (one read of the collection). */
export async function sheetIdsWith(field: string, value: string): Promise<Types.ObjectId[]> {
  const sheets = await SheetModel.find({ [field]: value }, { _id: 1 }).lean();
  return sheets.map((s) => s._id);
}
