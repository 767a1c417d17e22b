import type ExcelJS from 'exceljs';
import type { Response } from 'express';
import { parisWallClock } from '../paris-time';
import type { Cell } from './cells';
import { exportCacheControl } from './stream';

/** How a date cell reads: day, month, year and time, as the CSV and the inbox show it. */
const dateFormat = 'dd/mm/yyyy hh:mm';

/**
 * A cell's value. Text is written as a string cell, which a spreadsheet never evaluates: no
 * apostrophe is added (the CSV needs one, an XLSX would show it). Dates in Paris time.
 */
function xlsxValue(value: Cell): ExcelJS.CellValue {
  if (value === undefined || value === null) return null;
  if (typeof value === 'number' && !Number.isFinite(value)) return null;
  if (value instanceof Date) return parisWallClock(value);
  return value;
}

/**
 * Streams an XLSX download: exceljs' streaming writer commits each row to the zip as it comes,
 * so memory stays flat.
 */
export async function streamXlsx(
  res: Response,
  filename: string,
  sheetName: string,
  headers: readonly string[],
  rows: AsyncIterable<readonly Cell[]>,
): Promise<void> {
  res.attachment(filename);
  res.type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
  res.setHeader('Cache-Control', exportCacheControl);
  // Loaded on the first export, not at start-up.
  const { default: Excel } = await import('exceljs');
  const workbook = new Excel.stream.xlsx.WorkbookWriter({
    stream: res,
    useStyles: true,
    useSharedStrings: false,
  });
  const sheet = workbook.addWorksheet(sheetName.slice(0, 31), {
    views: [{ state: 'frozen', ySplit: 1 }],
  });
  const header = sheet.addRow([...headers]);
  header.font = { bold: true };
  header.commit();
  for await (const row of rows) {
    if (res.destroyed) return;
    const added = sheet.addRow(row.map(xlsxValue));
    row.forEach((value, i) => {
      if (value instanceof Date) added.getCell(i + 1).numFmt = dateFormat;
    });
    added.commit();
  }
  sheet.commit();
  await workbook.commit();
}
