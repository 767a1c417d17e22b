import { writeFeed } from '../lib/followed-collection';

/**
 * The sheets' writes: every write to a sheet moves `sheets-version` (the model's hooks, in
 * whatever process writes), so the sheet index of each process follows.
 */
export const sheetWrites = writeFeed('sheets-version');

/** After sheets were written other than through the model (`ids` undefined when unknown). */
export const sheetsWritten = (ids?: string[]) => sheetWrites.written(ids);
