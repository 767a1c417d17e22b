import { Types, type UpdateQuery } from 'mongoose';
import { bumpContentVersion } from '../lib/content-version';
import { sheetIndex } from './sheet-index';
import { SheetModel, type SheetRecord } from './sheet.model';
import { sheetsWritten } from './sheets-version';

/** Each write tells the sheet index nothing; the whole change tells it once at the end. */
const indexLater = { indexLater: true };

/**
 * One change applied to many sheets, one sheet at a time by `_id` (with `condition` added): the
 * embedded database narrows such a filter to its row, where an `updateMany` over a filter decodes
 * the whole collection for each document it changes (measured quadratic: 1,000 sheets took 11 s
 * under the write lock). Other writes run between two sheets. The sheet index, and the public
 * pages when a published sheet changed, follow. Returns how many sheets matched.
 */
export async function updateSheetsOneByOne(
  ids: Types.ObjectId[],
  update: UpdateQuery<SheetRecord>,
  condition: Record<string, unknown> = {},
): Promise<number> {
  const written: string[] = [];
  let published = false;
  for (const _id of ids) {
    // No projection: FerretDB 1.24 refuses one on findAndModify.
    const before = await SheetModel.findOneAndUpdate({ _id, ...condition }, update)
      .setOptions(indexLater)
      .lean();
    if (!before) continue;
    written.push(String(_id));
    published ||= before.status === 'publiee';
  }
  await followed(written, published);
  return written.length;
}

/** Sheets per command in a merge: one command of 100 statements, each run under the lock alone. */
const mergeBlock = 100;

/**
 * Replaces `from` by `into` in a list field of every sheet that holds it (a taxonomy merge): the
 * sheets found in the sheet index, then one update command per block of 100 sheets, one statement
 * per sheet by `_id` on the condition that its list is still the one read. When a block matched
 * fewer (someone saved one of its sheets meanwhile), each of its sheets is read by `_id` and one
 * still holding `from` gets an add then a pull, each safe to repeat. Returns how many sheets
 * changed.
 */
export async function replaceInLists(field: string, from: string, into: string): Promise<number> {
  const sheets = [...(await sheetIndex()).values()].filter((s) => valueOf(s, field).includes(from));
  const written: string[] = [];
  let published = false;
  for (let i = 0; i < sheets.length; i += mergeBlock) {
    const block = sheets.slice(i, i + mergeBlock);
    const result = await SheetModel.collection.bulkWrite(
      block.map((sheet) => {
        const list = valueOf(sheet, field);
        const next = list.includes(into)
          ? list.filter((v) => v !== from)
          : list.map((v) => (v === from ? into : v));
        return {
          updateOne: {
            filter: { _id: new Types.ObjectId(sheet._id), [field]: list },
            update: { $set: { [field]: next } },
          },
        };
      }),
      { ordered: false },
    );
    if (result.matchedCount < block.length) await mergeOneByOne(block, field, from, into);
    written.push(...block.map((sheet) => sheet._id));
    // Read with the list: a sheet published since is followed by the vocabulary's version.
    published ||= block.some((sheet) => sheet.status === 'publiee');
  }
  await followed(written, published);
  return sheets.length;
}

/** The sheets of a block that still hold `from`: an add then a pull, each safe to repeat. */
async function mergeOneByOne(
  block: Array<{ _id: string }>,
  field: string,
  from: string,
  into: string,
) {
  for (const sheet of block) {
    const _id = new Types.ObjectId(sheet._id);
    const held = await SheetModel.findOne({ _id }, field).lean();
    if (!held || !valueOf(held, field).includes(from)) continue;
    const update = (change: UpdateQuery<SheetRecord>) =>
      SheetModel.updateOne({ _id }, change).setOptions(indexLater);
    await update({ $addToSet: { [field]: into } });
    await update({ $pull: { [field]: from } });
  }
}

/** A field of a sheet's entry as a list (`actorType` is one code). */
function valueOf(sheet: object, field: string): string[] {
  const value = (sheet as Record<string, unknown>)[field];
  return Array.isArray(value) ? (value as string[]) : typeof value === 'string' ? [value] : [];
}

/** The sheet index, then the public pages if a published sheet changed, follow a bulk change. */
async function followed(written: string[], published: boolean) {
  if (written.length) await sheetsWritten(written);
  if (published) await bumpContentVersion();
}

/** The sheets whose `field` holds `value` (from the sheet index). */
export async function sheetIdsWith(field: string, value: string): Promise<Types.ObjectId[]> {
  return [...(await sheetIndex()).values()]
    .filter((s) => valueOf(s, field).includes(value))
    .map((s) => new Types.ObjectId(s._id));
}
