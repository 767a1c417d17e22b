import type { Pdf } from '../lib/pdf/document';
import { renderBook, type BookEntry } from '../lib/pdf/book';
import { frenchTypography as fr } from '../lib/pdf/typography';
import { formatParisDate } from '../lib/paris-time';
import { keyFigures, practiceSections } from './practice-page';
import { factText, practiceFacts } from './practice-facts';
import { textBlocks } from '../lib/text-blocks';
import { photoBytes, type Photos } from './pdf-photos';
import type { PublishedPractice, PublishedSet } from './published-set';

const header = 'Recueil des bonnes pratiques de la clause sociale';

function heading(doc: Pdf, text: string): void {
  doc.moveDown(0.8).font('bold').fontSize(13).text(fr(text)).moveDown(0.3);
}

/** The sheet's photos that could be read, each with its description below it. */
function drawPhotos(doc: Pdf, p: PublishedPractice, photos: Photos): void {
  const shown = p.photos.filter((ph) => photos.has(String(ph.fileId)));
  if (!shown.length) return;
  heading(doc, 'En images');
  for (const ph of shown) {
    const bottom = doc.page.height - doc.page.margins.bottom;
    if (doc.y + 200 > bottom) doc.addPage();
    try {
      doc.image(photos.get(String(ph.fileId))!, { fit: [260, 180] });
    } catch {
      continue; // A damaged image: the sheet prints without it.
    }
    const legend = [ph.alt, ph.caption].filter(Boolean).join(' – ');
    if (legend) doc.moveDown(0.3).font('italic').fontSize(9).text(fr(legend));
    doc.moveDown(0.5);
  }
}

/** « En bref »: the page's rows, in its order. */
function drawFacts(doc: Pdf, p: PublishedPractice): void {
  heading(doc, 'En bref');
  for (const fact of practiceFacts(p))
    doc
      .font('bold')
      .fontSize(10)
      .text(`${fr(fact.label)} : `, { continued: true })
      .font('regular')
      .text(fr(factText(fact)));
}

/** A typed text as the page shows it: paragraphs, line breaks kept, bulleted or numbered lists. */
function drawText(doc: Pdf, text: string): void {
  doc.font('regular').fontSize(10.5);
  for (const block of textBlocks(text)) {
    if (block.kind === 'paragraph') {
      doc.text(fr(block.lines.join('\n')), { align: 'left' }).moveDown(0.4);
    } else {
      const items = block.items.map((item) => fr(item));
      if (block.kind === 'numbered') doc.list(items, { listType: 'numbered', indent: 12 });
      else doc.list(items, { bulletRadius: 1.6, textIndent: 12, indent: 12 });
      doc.moveDown(0.4);
    }
  }
}

function drawMeetingsAndContact(doc: Pdf, p: PublishedPractice): void {
  if (p.meetings.length) {
    heading(doc, 'Présentée lors des rencontres');
    for (const m of p.meetings)
      doc
        .font('regular')
        .fontSize(10)
        .text(fr(`${m.title} (atelier ${m.workshop})`));
  }
  if (p.contact?.name || p.contact?.email) {
    heading(doc, 'Contact');
    doc
      .font('regular')
      .fontSize(10)
      .text(
        fr(
          [p.contact.name, p.contact.role, p.contact.email, p.contact.phone]
            .filter(Boolean)
            .join(' – '),
        ),
      );
  }
}

/** One practice sheet on paper: what the page shows, in the same order. */
function drawPractice(doc: Pdf, p: PublishedPractice, photos: Photos): void {
  doc.font('bold').fontSize(18).text(fr(p.title));
  if (p.fictitious)
    doc
      .moveDown(0.3)
      .font('italic')
      .fontSize(9)
      .text('Exemple fictif rédigé pour la démonstration.');
  doc.moveDown(0.5).font('italic').fontSize(11).text(fr(p.summary));
  const figures = keyFigures(p);
  if (figures.length) {
    heading(doc, 'Chiffres clés');
    for (const f of figures)
      doc
        .font('bold')
        .fontSize(11)
        .text(f.value.toLocaleString('fr-FR'), { continued: true })
        .font('regular')
        .text(` ${fr(f.label)}`);
  }
  drawFacts(doc, p);
  for (const [key, label] of practiceSections) {
    const text = p[key];
    if (!text) continue;
    heading(doc, label);
    drawText(doc, String(text));
  }
  drawPhotos(doc, p, photos);
  drawMeetingsAndContact(doc, p);
  const updated = p.updatedAt ?? p.publishedAt;
  if (updated)
    doc
      .moveDown()
      .font('italic')
      .fontSize(8)
      .text(`Dernière mise à jour : ${formatParisDate(updated)}`);
}

export async function practicePdf(p: PublishedPractice): Promise<Buffer> {
  const photos = await photoBytes([p]);
  return renderBook({
    title: p.title,
    header: `${header} – ${p.regionName}`,
    entries: [{ level: 2, title: p.title, render: (doc) => drawPractice(doc, p, photos) }],
  });
}

/** The national recueil: chapters in the moderators' order, their sheets in theirs. */
export async function nationalPdf(set: PublishedSet): Promise<Buffer> {
  const chapters = set.chapters.filter((c) => c.practices.length);
  const photos = await photoBytes(chapters.flatMap((c) => c.practices));
  const entries: BookEntry[] = chapters.flatMap((c) => [
    {
      level: 1 as const,
      title: c.title,
      render: (doc: Pdf) => {
        doc.moveDown(8).font('bold').fontSize(24).text(fr(c.title));
        if (c.intro) doc.moveDown().font('regular').fontSize(12).text(fr(c.intro));
      },
    },
    ...c.practices.map((p) => ({
      level: 2 as const,
      title: p.title,
      render: (doc: Pdf) => drawPractice(doc, p, photos),
    })),
  ]);
  const count = chapters.reduce((n, c) => n + c.practices.length, 0);
  return renderBook({
    title: 'Recueil national des bonnes pratiques de la clause sociale',
    subtitle: 'Tour de France de la clause sociale',
    header,
    front: {
      coverLines: [
        `${count} pratiques en ${chapters.length} chapitres`,
        'Alliance Villes Emploi – ANRU',
        'Licence Ouverte 2.0',
      ],
      intro: [
        'Ce recueil rassemble des pratiques d’animation de la clause sociale dans les quartiers prioritaires de la politique de la ville, recueillies par le questionnaire national et présentées lors des rencontres régionales du Tour de France de la clause sociale.',
        'Les fiches sont classées par chapitre, dans l’ordre retenu par le comité de lecture. Chaque fiche présente le contexte, les actions menées, les résultats et les conditions de transfert : elle peut être lue seule.',
        'Les fiches sont aussi consultables en ligne, avec recherche et filtres : /recueil.',
      ],
    },
    entries,
  });
}
