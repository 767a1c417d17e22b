import { createPdf, decoratePages, pdfBuffer, type Pdf } from './document';
import { frenchTypography as fr } from './typography';

export interface BookEntry {
  /** 1: a chapter (its own page), 2: a section (starts a page). */
  level: 1 | 2;
  title: string;
  render: (doc: Pdf) => void;
}

export interface Book {
  title: string;
  subtitle?: string;
  /** Running header of every page but the cover. */
  header: string;
  /** Cover, introduction and table of contents: for a recueil, not for a single sheet. */
  front?: { coverLines: string[]; intro: string[] };
  entries: BookEntry[];
}

const tocGap = 6;
const numberWidth = 40;

function contentWidth(doc: Pdf): number {
  return doc.page.width - doc.page.margins.left - doc.page.margins.right;
}

function tocLineHeight(doc: Pdf, entry: BookEntry): number {
  doc.font(entry.level === 1 ? 'bold' : 'regular').fontSize(entry.level === 1 ? 12 : 10);
  const indent = entry.level === 1 ? 0 : 16;
  return (
    doc.heightOfString(fr(entry.title), { width: contentWidth(doc) - numberWidth - indent }) +
    tocGap
  );
}

function tocHeadingHeight(doc: Pdf): number {
  doc.font('bold').fontSize(20);
  return doc.heightOfString('Sommaire') + 20;
}

/** Pages the table of contents needs, measured with the same fonts before anything is drawn. */
function tocPageCount(doc: Pdf, entries: BookEntry[]): number {
  const usable = doc.page.height - doc.page.margins.top - doc.page.margins.bottom;
  let pages = 1;
  let used = tocHeadingHeight(doc);
  for (const e of entries) {
    const h = tocLineHeight(doc, e);
    if (used + h > usable) {
      pages++;
      used = 0;
    }
    used += h;
  }
  return pages;
}

function drawCover(doc: Pdf, book: Book): void {
  doc.addPage();
  const width = contentWidth(doc);
  doc.moveDown(10);
  doc.font('bold').fontSize(28).text(fr(book.title), { width, align: 'center' });
  if (book.subtitle)
    doc.moveDown().font('regular').fontSize(14).text(fr(book.subtitle), { width, align: 'center' });
  doc.moveDown(4);
  for (const line of book.front?.coverLines ?? [])
    doc.font('regular').fontSize(11).text(fr(line), { width, align: 'center' });
}

function drawIntro(doc: Pdf, paragraphs: string[]): void {
  doc.addPage();
  doc.font('bold').fontSize(20).text('Introduction');
  doc.moveDown();
  for (const p of paragraphs)
    doc.font('regular').fontSize(11).text(fr(p), { align: 'justify' }).moveDown(0.6);
}

function drawToc(doc: Pdf, firstPage: number, entries: BookEntry[], pages: number[]): void {
  doc.switchToPage(firstPage);
  const { left, top, bottom } = doc.page.margins;
  const width = contentWidth(doc);
  let y = top;
  doc.font('bold').fontSize(20).text('Sommaire', left, y);
  y += tocHeadingHeight(doc);
  let page = firstPage;
  entries.forEach((e, i) => {
    const h = tocLineHeight(doc, e);
    if (y + h > doc.page.height - bottom) {
      doc.switchToPage(++page);
      y = top;
    }
    const indent = e.level === 1 ? 0 : 16;
    doc.font(e.level === 1 ? 'bold' : 'regular').fontSize(e.level === 1 ? 12 : 10);
    doc.text(fr(e.title), left + indent, y, { width: width - numberWidth - indent });
    doc.text(String(pages[i]), left + width - numberWidth, y, {
      width: numberWidth,
      align: 'right',
    });
    y += h;
  });
}

/**
 * Renders a book: cover, introduction, table of contents with the page number of every entry,
 * entries each from a new page, running headers and page numbers. The table of contents is sized
 * first (its pages are reserved), then filled once every entry knows its page.
 */
export async function renderBook(book: Book): Promise<Buffer> {
  const doc = await createPdf({ title: book.title });
  let tocFirst = -1;
  if (book.front) {
    drawCover(doc, book);
    drawIntro(doc, book.front.intro);
    doc.addPage();
    tocFirst = doc.bufferedPageRange().count - 1;
    for (let i = 1; i < tocPageCount(doc, book.entries); i++) doc.addPage();
  }
  const pages: number[] = [];
  for (const entry of book.entries) {
    doc.addPage();
    pages.push(doc.bufferedPageRange().count);
    doc.outline.addItem(entry.title);
    entry.render(doc);
  }
  if (book.front) drawToc(doc, tocFirst, book.entries, pages);
  decoratePages(doc, book.header, book.front ? 2 : 1);
  return pdfBuffer(doc);
}
