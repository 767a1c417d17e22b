// Generated practice sheets for the bench: varied French text over every région, theme and market.
import { departmentsOf, regions } from '../../src/reference/geography';
import { taxonomy } from '../../src/reference/taxonomy';

const actions = [
  'Mobiliser',
  'Former',
  'Accompagner',
  'Recruter',
  'Préparer',
  'Orienter',
  'Suivre',
  'Coordonner',
];
const publics = [
  'les femmes',
  'les jeunes des quartiers',
  'les demandeurs d’emploi de longue durée',
  'les habitants des QPV',
  'les seniors',
  'les bénéficiaires du RSA',
];
const markets = [
  'nettoyage',
  'espaces verts',
  'chantiers de rénovation',
  'restauration collective',
  'collecte des déchets',
  'travaux publics',
  'maintenance des bâtiments',
];
const tools = [
  'un guichet unique',
  'un chantier école',
  'une plateforme emploi',
  'un groupement d’employeurs',
  'un parcours de formation',
  'une charte locale',
  'des visites d’entreprises',
];
const words =
  'insertion clause sociale acheteur entreprise bailleur facilitateur heures parcours emploi durable formation qualification quartier prioritaire renouvellement urbain partenariat mission locale accompagnement sortie positive tutorat alternance contrat marché public'.split(
    ' ',
  );

/** A deterministic pseudo-random generator: the same sheets on every run. */
function random(seed: number) {
  let s = seed;
  return () => {
    s = (s * 1103515245 + 12345) % 2147483648;
    return s / 2147483648;
  };
}

export function generateSheets(count: number) {
  const next = random(42);
  const pick = <T>(list: readonly T[]) => list[Math.floor(next() * list.length)];
  const some = <T>(list: readonly T[], n: number) => [
    ...new Set(Array.from({ length: n }, () => pick(list))),
  ];
  const metro = regions().filter((r) => departmentsOf(r.code).length > 0 && r.code.length === 2);
  const t = taxonomy();
  const sentence = (n: number) =>
    Array.from({ length: n }, () => pick(words))
      .join(' ')
      .replace(/^./, (c) => c.toUpperCase()) + '.';
  return Array.from({ length: count }, (_, i) => {
    const region = pick(metro);
    const department = pick(departmentsOf(region.code));
    const participants = 5 + Math.floor(next() * 60);
    const title = `${pick(actions)} ${pick(publics)} dans ${pick(markets)} avec ${pick(tools)} (${department.name})`;
    return {
      slug: `bench-${i}`,
      status: 'publiee' as string,
      revision: 0,
      title,
      summary: `${title}. ${sentence(20)}`,
      structureName: `Structure ${i}`,
      actorType: pick(t.actorTypes).code,
      region: region.code,
      department: department.code,
      themes: some(
        t.themes.map((x) => x.code),
        2,
      ),
      publics: some(
        t.publics.map((x) => x.code),
        2,
      ),
      marketFamilies: some(
        t.marketFamilies.map((x) => x.code),
        2,
      ),
      legalLevers: some(
        t.legalLevers.map((x) => x.code),
        1,
      ),
      context: Array.from({ length: 4 }, () => sentence(25)).join(' '),
      objectives: sentence(30),
      actions: Array.from({ length: 5 }, () => sentence(25)).join(' '),
      successFactors: sentence(30),
      results: {
        hoursAchieved: Math.floor(next() * 20000),
        fte: Math.round(next() * 100) / 10,
        participants,
        women: Math.floor(next() * participants),
        qpvResidents: Math.floor(next() * participants),
      },
      year: 2018 + Math.floor(next() * 8),
      publishedAt: new Date(Date.UTC(2025, 0, 1) + i * 3_600_000),
      meetingSelections: [] as Array<{ meeting: string; workshop: string; position: number }>,
    };
  });
}
