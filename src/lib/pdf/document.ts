import path from 'node:path';

const fontsDir = path.join(path.dirname(require.resolve('dejavu-fonts-ttf/package.json')), 'ttf');

/** The embedded fonts: DejaVu Sans covers every French character (« », œ, É, narrow spaces). */
export const fonts = {
  regular: path.join(fontsDir, 'DejaVuSans.ttf'),
  bold: path.join(fontsDir, 'DejaVuSans-Bold.ttf'),
  italic: path.join(fontsDir, 'DejaVuSans-Oblique.ttf'),
};

export type Pdf = PDFKit.PDFDocument;

/**
 * An A4 document with the fonts registered and pages kept in memory (for headers and numbers).
 * pdfkit is loaded on the first PDF, not at start-up: most processes serve pages, not PDFs.
 */
export async function createPdf(info: { title: string; author?: string }): Promise<Pdf> {
  const { default: PDFDocument } = await import('pdfkit');
  const doc = new PDFDocument({
    size: 'A4',
    margins: { top: 70, bottom: 70, left: 60, right: 60 },
    bufferPages: true,
    autoFirstPage: false,
    lang: 'fr-FR',
    displayTitle: true,
    info: {
      Title: info.title,
      Author: info.author ?? '',
      Creator: 'Bonnes pratiques de la clause sociale',
    },
  });
  doc.registerFont('regular', fonts.regular);
  doc.registerFont('bold', fonts.bold);
  doc.registerFont('italic', fonts.italic);
  doc.font('regular');
  return doc;
}

/** The finished document's bytes. */
export function pdfBuffer(doc: Pdf): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    doc.on('data', (c: Buffer) => chunks.push(c));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
    doc.end();
  });
}

/**
 * Running header and « page / total » footer on every page from `from` (1-based), drawn once
 * all pages exist.
 */
export function decoratePages(doc: Pdf, header: string, from = 2): void {
  const range = doc.bufferedPageRange();
  const total = range.count;
  for (let i = range.start; i < range.start + total; i++) {
    const number = i + 1;
    if (number < from) continue;
    doc.switchToPage(i);
    const { left, right, top, bottom } = doc.page.margins;
    const width = doc.page.width - left - right;
    // Writing in the margins must not add pages.
    doc.page.margins.bottom = 0;
    doc.font('italic').fontSize(8).fillColor('#555555');
    doc.text(header, left, top - 30, { width, align: 'left', lineBreak: false, height: 12 });
    doc.text(`${number} / ${total}`, left, doc.page.height - bottom + 25, {
      width,
      align: 'center',
      lineBreak: false,
    });
    doc.page.margins.bottom = bottom;
  }
  doc.fillColor('#000000');
}
