import { Types } from 'mongoose';
import QRCode from 'qrcode';
import request from 'supertest';
import { openUpload } from '../../src/lib/files/attachment-store';
import { bumpContentVersion } from '../../src/lib/content-version';
import { SheetModel } from '../../src/sheets/sheet.model';
import { frenchTypography } from '../../src/lib/pdf/typography';
import { seedDatabase } from '../../src/seeding/seed.service';
import { buildTestApp } from '../helpers/app';
import { useTestDatabase } from '../helpers/db';
import { pdfPages as readPdf } from '../helpers/pdf';
import { sampleJpeg } from '../helpers/files';
import { insertFixtureSheets, practiceSheet } from '../helpers/practices';

useTestDatabase();
const { app } = buildTestApp();

const pdfPages = (url: string) => readPdf(app, url);

// Chapters in the seeded order, sheets in the moderators' order; the draft is left out.
const expectedToc = [
  'Préparer le contrat public',
  'L’insertion par l’activité économique au service des acheteurs',
  'Repérer et accompagner les publics',
  'Un chantier école dans le bâtiment',
  'Des femmes dans les marchés de nettoyage en Hauts-de-France',
];

beforeAll(async () => {
  await seedDatabase({ email: 'admin@exemple.fr', password: 'mot-de-passe-du-recueil' });
  await insertFixtureSheets();
});

describe('national recueil', () => {
  it('when the table of contents is shown, then chapters and sheets follow the moderators’ order', async () => {
    const res = await request(app).get('/recueil/national');
    expect(res.status).toBe(200);
    const positions = expectedToc.map((t) => res.text.indexOf(t));
    expect(positions.every((p) => p > 0)).toBe(true);
    expect([...positions].sort((a, b) => a - b)).toEqual(positions);
    expect(res.text).not.toContain('zéphyr');
  });

  it('when the PDF is read back, then its table of contents lists the entries in order with the pages they start on', async () => {
    const { pages, etag } = await pdfPages('/recueil/national.pdf');
    expect(pages[0].join(' ')).toContain('Recueil national des bonnes pratiques');
    expect(pages[1]).toContain('Recueil des bonnes pratiques de la clause sociale');
    expect(pages[1]).toContain('Introduction');
    const tocPage = pages.findIndex((lines) => lines.includes('Sommaire'));
    expect(tocPage).toBe(2);
    const toc = pages[tocPage];
    let lastLine = -1;
    let lastPage = 0;
    for (const title of expectedToc) {
      const line = toc.findIndex((l) => l.startsWith(title.slice(0, 20)) && /\d+$/.test(l));
      expect({ title, found: line > lastLine }).toEqual({ title, found: true });
      const page = Number(/(\d+)$/.exec(toc[line])![1]);
      expect(page).toBeGreaterThan(lastPage);
      // The entry starts on that page: its title comes first (headers are drawn last).
      expect(pages[page - 1].join(' ')).toMatch(new RegExp(`^${title.slice(0, 20)}`));
      lastLine = line;
      lastPage = page;
    }
    // Page numbers and running headers on every page but the cover.
    pages.slice(1).forEach((lines, i) => expect(lines).toContain(`${i + 2} / ${pages.length}`));
    expect(pages.flat().join(' ')).not.toContain('zéphyr');
    // French typography, embedded font: guillemets and œ drawn; thanks to the no-break spaces
    // (pdfjs reads them back as spaces) no line starts with a sign that belongs to the word before.
    const lines = pages.flat();
    expect(lines.join(' ')).toContain('quartiers : « cœur de métier » !');
    expect(lines.filter((l) => /^[:;!?»]/.test(l))).toEqual([]);
    // Generated once per content version: the same bytes again.
    expect((await request(app).get('/recueil/national.pdf')).headers.etag).toBe(etag);
  });

  it('when one sheet’s PDF is asked, then it is served for published sheets only', async () => {
    const { pages } = await pdfPages('/recueil/femmes-nettoyage-hdf.pdf');
    expect(pages[0].join(' ')).toContain('Des femmes dans les marchés de nettoyage');
    expect(pages[0].join(' ')).toContain('Chiffres clés');
    expect((await request(app).get('/recueil/brouillon-zephyr.pdf')).status).toBe(404);
    expect((await request(app).get('/recueil/inconnue.pdf')).status).toBe(404);
  });
});

/** Stores bytes in GridFS as an uploaded file would be; returns its id. */
async function storeFile(bytes: Buffer): Promise<Types.ObjectId> {
  const upload = openUpload('photo', new Types.ObjectId());
  await new Promise((resolve, reject) =>
    upload.on('finish', resolve).on('error', reject).end(bytes),
  );
  return upload.id as Types.ObjectId;
}

describe('photos in the PDF', () => {
  it('when a sheet has photos, then its PDF embeds the readable ones with their description and leaves out a damaged or missing one', async () => {
    const png = await QRCode.toBuffer('photo de chantier');
    const photo = (fileId: Types.ObjectId, contentType: string, alt: string) => ({
      fileId,
      filename: 'photo',
      contentType,
      alt,
    });
    await SheetModel.insertMany([
      practiceSheet('fiche-avec-photos', {
        photos: [
          photo(await storeFile(png), 'image/png', 'Équipe du chantier devant la résidence'),
          photo(await storeFile(sampleJpeg), 'image/jpeg', 'Image abîmée'),
          photo(new Types.ObjectId(), 'image/jpeg', 'Fichier disparu'),
        ],
      }),
    ]);
    await bumpContentVersion();
    const { pages, bytes } = await pdfPages('/recueil/fiche-avec-photos.pdf');
    const text = pages.flat().join(' ');
    expect(text).toContain('En images');
    expect(text).toContain('Équipe du chantier devant la résidence');
    expect(text).not.toContain('Image abîmée');
    expect(text).not.toContain('Fichier disparu');
    // One picture drawn: its image object (and the transparency mask pdfkit adds to a PNG).
    const raw = bytes.toString('latin1');
    const images = raw.match(/\/Subtype \/Image/g)!.length;
    expect(images - (raw.match(/\/SMask \d+ 0 R/g) ?? []).length).toBe(1);
  });
});

describe('French typography', () => {
  it('when text is printed, then quotes, apostrophes and spaces before signs follow French rules', () => {
    expect(frenchTypography('Il a dit "oui" : c\'est bien ; non ? Si !')).toBe(
      'Il a dit «\u00a0oui\u00a0»\u00a0: c’est bien\u202f; non\u202f? Si\u202f!',
    );
    expect(frenchTypography('« déjà »')).toBe('«\u00a0déjà\u00a0»');
    expect(frenchTypography('https://exemple.fr')).toBe('https://exemple.fr');
  });
});
