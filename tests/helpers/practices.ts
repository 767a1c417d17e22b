import { bumpContentVersion } from '../../src/lib/content-version';
import { SheetModel } from '../../src/sheets/sheet.model';

/** A practice sheet with the required fields, published unless said otherwise. */
export function practiceSheet(slug: string, more: Record<string, unknown> = {}) {
  return {
    slug,
    status: 'publiee',
    title: `Fiche ${slug}`,
    summary: 'Une pratique de la clause sociale.',
    structureName: 'Structure',
    actorType: 'plie',
    region: '24',
    department: '45',
    publishedAt: new Date('2026-01-15T10:00:00Z'),
    ...more,
  };
}

export const xss = {
  script: '<script>alert("xss")</script>',
  img: '"><img src=x onerror=alert(1)>',
};

/**
 * Sheets the compendium tests search and filter: published ones with known words, a draft, an
 * unpublished one and one full of markup. Their words (« zéphyr », « xylophone ») appear nowhere
 * else, so any place that shows them leaks an unpublished sheet.
 */
export const fixtureSheets = [
  practiceSheet('femmes-nettoyage-hdf', {
    title: 'Des femmes dans les marchés de nettoyage en Hauts-de-France',
    summary:
      'Des parcours vers les métiers de la propreté pour les habitantes des quartiers : "cœur de métier" !',
    region: '32',
    department: '59',
    themes: ['famille-publics', 'atelier-c-mobiliser-habitants'],
    publics: ['femmes', 'habitants-qpv'],
    marketFamilies: ['services'],
    legalLevers: ['condition-execution'],
    actorType: 'facilitateur',
    results: { hoursAchieved: 4200, participants: 20, women: 17, qpvResidents: 12 },
    meetingSelections: [{ meeting: 'centre-val-de-loire-2022', workshop: 'A', position: 0 }],
    recueil: { chapter: 'accompagner-les-publics', position: 1 },
    slugHistory: ['ancienne-fiche-nettoyage'],
    contact: { name: 'Camille Martin', role: 'Facilitatrice', email: 'camille@exemple.fr' },
    publishedAt: new Date('2026-03-01T10:00:00Z'),
  }),
  practiceSheet('chantier-ecole-batiment', {
    title: 'Un chantier école dans le bâtiment',
    summary: 'Une formation sur chantier réel avec un bailleur social.',
    actions:
      'Quatre femmes et huit hommes ont suivi la formation ; l’école de la deuxième chance a orienté les candidats.',
    region: '32',
    department: '62',
    themes: ['atelier-a-diversifier'],
    marketFamilies: ['travaux'],
    recueil: { chapter: 'accompagner-les-publics', position: 0 },
    publishedAt: new Date('2026-02-01T10:00:00Z'),
  }),
  practiceSheet('insertion-activite-economique', {
    title: 'L’insertion par l’activité économique au service des acheteurs',
    summary: 'Les structures d’insertion répondent aux marchés réservés.',
    region: '84',
    department: '69',
    themes: ['famille-realisation-clause'],
    marketFamilies: ['marches-reserves'],
    legalLevers: ['marche-reserve-siae'],
    actorType: 'siae-ei',
    recueil: { chapter: 'preparer-le-contrat', position: 0 },
  }),
  practiceSheet('brouillon-zephyr', {
    status: 'brouillon',
    title: 'Brouillon zéphyr jamais publié',
    region: '94',
    department: '2A',
    themes: ['insertion-gup'],
    recueil: { chapter: 'preparer-le-contrat', position: 1 },
  }),
  practiceSheet('depubliee-xylophone', {
    status: 'depubliee',
    title: 'Fiche xylophone dépubliée',
    region: '94',
    department: '2B',
    themes: ['insertion-gup'],
  }),
  practiceSheet('fiche-balisage', {
    title: `Balisage ${xss.script}`,
    summary: `Résumé ${xss.img}`,
    structureName: xss.script,
    context: xss.img,
    keywords: [xss.script],
    communes: [{ code: '45234', name: xss.script }],
    contact: { name: xss.script, email: 'x@exemple.fr' },
    photos: [
      {
        fileId: '64b000000000000000000001',
        filename: 'photo.jpg',
        contentType: 'image/jpeg',
        alt: xss.img,
        caption: xss.script,
      },
    ],
  }),
];

export async function insertFixtureSheets(): Promise<void> {
  await SheetModel.insertMany(fixtureSheets);
  await bumpContentVersion();
}
