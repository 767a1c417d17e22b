/**
 * The shape of src/, checked by `npm run lint` (README « Architecture »).
 *
 * dependency-cruiser rather than an ESLint plugin: it reads the real import graph (TypeScript
 * types included), finds cycles of any length, and expresses the layer order as data; it does
 * not depend on the ESLint version, and runs in a second or so.
 *
 * The chain, one way: a folder may import the ground floor (lib) and the layers below its own,
 * never one above; within a layer, only the edges listed in `sideways`. Every import of another
 * folder goes through its door (index.ts).
 */
const layers = [
  ['lib'], // ground floor: no feature knowledge (config, db, http, mail, files, pdf…)
  ['reference'], // geography, QPV, vocabularies
  ['audit'], // the journal's store
  ['accounts'], // login, accounts, roles and régions, the journal's page
  ['questionnaire'], // responses: the questionnaire and what it stores
  ['moderation'], // inbox, review, statuses, exports, figures
  ['sheets'], // editorial: the sheet, its versions, media and approval
  ['recueil', 'taxonomy', 'import'], // editorial: what works on sheets
  ['meetings'], // meetings with their registrations and selected practices
  ['compendium', 'open-data', 'site'], // public pages
  ['privacy'], // personal data: the registry every feature declares into, rights and retention
  ['examples'], // the demonstration's fictitious content, removed at go-live
  ['back-office', 'seeding', 'cli'], // composition, with app.ts and server.ts
];
/** Allowed imports between folders of one layer. */
const sideways = { 'open-data': ['compendium'], site: ['compendium'], cli: ['seeding'] };

const layerOf = (folder) => layers.findIndex((l) => l.includes(folder));
const all = layers.flat();

const orderRules = all.flatMap((folder) => {
  const own = layerOf(folder);
  const forbidden = all.filter(
    (other) =>
      other !== folder &&
      (layerOf(other) > own ||
        (layerOf(other) === own && !(sideways[folder] ?? []).includes(other))),
  );
  if (!forbidden.length) return [];
  return [
    {
      name: `layers:${folder}`,
      comment: `${folder} (layer ${own}) may not import ${forbidden.join(', ')}: higher in the chain, or beside it`,
      severity: 'error',
      from: { path: `^src/${folder}/` },
      to: { path: `^src/(${forbidden.join('|')})/` },
    },
  ];
});

module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      comment: 'modules that import each other, directly or around a loop',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
    {
      name: 'door',
      comment:
        'another folder is imported through its index.ts only (lib, the ground floor, excepted)',
      severity: 'error',
      from: { path: '^src/([^/]+)/' },
      to: { path: '^src/(?!lib/)[^/]+/', pathNot: ['^src/$1/', '^src/[^/]+/index\\.ts$'] },
    },
    {
      name: 'door-from-composition',
      comment: 'app.ts and server.ts import folders through their index.ts too',
      severity: 'error',
      from: { path: '^src/[^/]+\\.ts$' },
      to: { path: '^src/(?!lib/)[^/]+/', pathNot: '^src/[^/]+/index\\.ts$' },
    },
    {
      name: 'lib-knows-no-feature',
      comment: 'lib is the ground floor: it imports no folder of features',
      severity: 'error',
      from: { path: '^src/lib/' },
      to: { path: '^src/(?!lib/)' },
    },
    ...orderRules,
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    exclude: { path: '^(tests|dist|node_modules)/' },
  },
};
