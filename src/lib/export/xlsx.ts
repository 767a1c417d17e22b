import type ExcelJS from 'exceljs';
import type { Response } from 'express';
import { neutralise, type Cell } from './cells';
import { exportCacheControl } from './stream';

function xlsxValue(value: Cell): ExcelJS.CellValue {
  if (value === undefined || value === null) return null;
  if (typeof value === 'string') return neutralise(value);
  if (typeof value === 'number' && !Number.isFinite(value)) return null;
  return value;
}

/**
 * Streams an XLSX download: exceljs' streaming writer commits each row to the zip as it comes,
 * so memory stays flat. Text cells follow the same neutralisation rule as the CSV.
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
    sheet.addRow(row.map(xlsxValue)).commit();
  }
  sheet.commit();
  await workbook.commit();
}
