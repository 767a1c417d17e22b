import type { Response } from 'express';
import { cellText, type Cell } from './cells';
import { exportCacheControl, writeOrWait } from './stream';

function quote(text: string): string {
  return /[";\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** One CSV record: `;` separator (what French spreadsheet programs expect), CRLF line end. */
export function csvLine(cells: readonly Cell[]): string {
  return `${cells.map((c) => quote(cellText(c))).join(';')}\r\n`;
}

/**
 * Streams a CSV download (UTF-8 with BOM so Excel reads accents right), one record at a time:
 * memory stays flat whatever the number of rows, and a reader who hangs up stops the query.
 */
export async function streamCsv(
  res: Response,
  filename: string,
  headers: readonly string[],
  rows: AsyncIterable<readonly Cell[]>,
): Promise<void> {
  res.attachment(filename);
  res.type('text/csv; charset=utf-8');
  res.setHeader('Cache-Control', exportCacheControl);
  if (!(await writeOrWait(res, `\ufeff${csvLine(headers)}`))) return;
  for await (const row of rows) {
    if (!(await writeOrWait(res, csvLine(row)))) return;
  }
  res.end();
}
