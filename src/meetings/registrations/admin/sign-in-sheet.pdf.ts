import type { Response } from 'express';

export interface SheetRow {
  lastName: string;
  firstName: string;
  structure: string;
}

/**
 * The sign-in sheet (feuille d'émargement) of one workshop as an A4 PDF: title, one row per
 * confirmed person with an empty signature box, page breaks repeating the header.
 */
export async function streamSignInSheetPdf(
  res: Response,
  filename: string,
  heading: { meeting: string; date: string; workshop: string },
  rows: SheetRow[],
): Promise<void> {
  const { default: PDFDocument } = await import('pdfkit');
  const doc = new PDFDocument({
    size: 'A4',
    margin: 40,
    info: { Title: `Émargement – ${heading.workshop}` },
  });
  res.type('application/pdf');
  res.attachment(filename);
  res.setHeader('Cache-Control', 'no-store');
  doc.pipe(res);
  const columns = [
    { label: 'Nom', x: 40, width: 130 },
    { label: 'Prénom', x: 170, width: 110 },
    { label: 'Structure', x: 280, width: 150 },
    { label: 'Signature', x: 430, width: 125 },
  ];
  const rowHeight = 28;
  const header = () => {
    doc.font('Helvetica-Bold').fontSize(14).text('Feuille d’émargement', 40, 40);
    doc.font('Helvetica').fontSize(10).text(`${heading.meeting} – ${heading.date}`, 40, 60);
    doc.text(heading.workshop, 40, 74);
    doc.font('Helvetica-Bold');
    columns.forEach((c) =>
      doc
        .rect(c.x, 96, c.width, rowHeight)
        .stroke()
        .text(c.label, c.x + 4, 105, { width: c.width - 8 }),
    );
    doc.font('Helvetica');
    return 96 + rowHeight;
  };
  let y = header();
  for (const row of rows) {
    if (y + rowHeight > doc.page.height - 40) {
      doc.addPage();
      y = header();
    }
    const cells = [row.lastName.toUpperCase(), row.firstName, row.structure, ''];
    columns.forEach((c, i) =>
      doc
        .rect(c.x, y, c.width, rowHeight)
        .stroke()
        .text(cells[i], c.x + 4, y + 9, {
          width: c.width - 8,
          height: rowHeight - 10,
          ellipsis: true,
        }),
    );
    y += rowHeight;
  }
  doc.fontSize(9).text(`${rows.length} personne(s) inscrite(s)`, 40, y + 10);
  doc.end();
}
