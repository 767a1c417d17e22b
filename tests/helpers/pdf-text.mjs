// Prints the text of each page of a PDF file as JSON (pdfjs-dist is ESM-only: run in its own process).
import { readFileSync } from 'node:fs';
import process from 'node:process';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';

const data = new Uint8Array(readFileSync(process.argv[2]));
const pdf = await getDocument({ data, useSystemFonts: false, verbosity: 0 }).promise;
const pages = [];
for (let i = 1; i <= pdf.numPages; i++) {
  const page = await pdf.getPage(i);
  const content = await page.getTextContent();
  const lines = [];
  let line = '';
  let lastY;
  for (const item of content.items) {
    const y = Math.round(item.transform[5]);
    if (lastY !== undefined && y !== lastY && line) {
      lines.push(line);
      line = '';
    }
    line += item.str;
    lastY = y;
  }
  if (line) lines.push(line);
  pages.push(lines);
}
process.stdout.write(JSON.stringify(pages));
