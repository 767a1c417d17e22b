// npm run bench:bulk — what changes many documents at once, on an embedded database that already
// holds 5,000 sheets (`-- --quick`: 500): the import of 500, 1,000 and 2,000 rows, sheets then
// responses, each file twice; then a taxonomy merge, a rename and a bulk tagging across the
// sheets. Commands holding the database lock longer than 50 ms are counted and the first listed.
// Writes tests/bench/results/bulk.md.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import mongoose from 'mongoose';
import { importFromCli } from '../../src/import';
import { connectFeatures } from '../../src/app';
import { SheetModel } from '../../src/sheets/sheet.model';
import { bulkTag } from '../../src/sheets/sheet.service';
import { mergeTerms, renameTerm } from '../../src/taxonomy/taxonomy.service';
import type { SessionUser } from '../../src/accounts';
import { seedDatabase } from '../../src/seeding/seed.service';
import { generateSheets } from './generate';
import { judgeSlowCommands, slowCommandsTable, watchedDatabase } from './slow-commands';

const quick = process.argv.includes('--quick');
const sizes = quick ? [100, 200] : [500, 1000, 2000];
const existingSheets = quick ? 500 : 5000;

/** An import file's rows, made from generated sheets (keys never used before). */
function rowsFor(kind: string, count: number) {
  return generateSheets(count).map((g, i) => ({
    cle: `${kind}-${count}-${i}`,
    titre: g.title,
    resume: g.summary.slice(0, 480),
    structure: g.structureName,
    type_structure: g.actorType,
    region: g.region,
    departement: g.department,
    thematiques: g.themes,
    publics: g.publics,
    familles_marches: g.marketFamilies,
    contexte: g.context.slice(0, 3900),
    actions: g.actions.slice(0, 3900),
    heures_realisees: g.results.hoursAchieved,
    participants: g.results.participants,
    email: `contact-${i}@exemple.fr`,
  }));
}

const admin: SessionUser = {
  id: '000000000000000000000000',
  email: 'admin@exemple.fr',
  name: 'Admin',
  role: 'admin',
  regions: [],
  totpEnabled: true,
};

/** Times one change; returns its table line. */
async function timed(name: string, sheetsTouched: number, change: () => Promise<unknown>) {
  const started = performance.now();
  await change();
  const line = `| ${name} | ${sheetsTouched} | ${((performance.now() - started) / 1000).toFixed(1)} |`;
  console.log(line);
  return line;
}

/** A merge of the most used theme, a rename, and a keyword added to 1,000 sheets (500 quick). */
async function bulkChanges(sheets: ReturnType<typeof generateSheets>, slow: string[]) {
  // The bench's own reads are not the app's: their slow commands are not counted.
  const own = async <T>(read: () => Promise<T>) => {
    const before = slow.length;
    const result = await read();
    slow.length = before;
    return result;
  };
  const uses = new Map<string, number>();
  for (const s of sheets) for (const t of s.themes) uses.set(t, (uses.get(t) ?? 0) + 1);
  const [[from, count], [into]] = [...uses.entries()].sort((a, b) => b[1] - a[1]);
  const ids = (
    await own(() =>
      SheetModel.find({}, { _id: 1 })
        .limit(quick ? 500 : 1000)
        .lean(),
    )
  ).map((s) => String(s._id));
  const lines = [
    '| change | sheets | s |',
    '| --- | ---: | ---: |',
    await timed(`merge of a theme into another`, count, () =>
      mergeTerms(admin, 'themes', from, into),
    ),
    await timed('rename of a theme', 0, () => renameTerm(admin, 'themes', into, 'Libellé renommé')),
    await timed('bulk tagging (a keyword)', ids.length, () =>
      bulkTag(admin, ids, { keyword: 'mot-cle-de-bench' }),
    ),
  ];
  const merged = await own(() => SheetModel.countDocuments({ themes: from }));
  const tagged = await own(() => SheetModel.countDocuments({ keywords: 'mot-cle-de-bench' }));
  if (merged !== 0 || tagged !== ids.length) {
    console.error(`merge left ${merged} sheets with ${from}; ${tagged} of ${ids.length} tagged`);
    process.exitCode = 1;
  }
  return lines;
}

async function main() {
  const { db, slow } = await watchedDatabase('bench-import');
  await mongoose.connection.db!.dropDatabase();
  await seedDatabase({ email: 'admin@exemple.fr', password: 'mot-de-passe-de-bench' });
  const sheets = generateSheets(existingSheets);
  for (let i = 0; i < sheets.length; i += 500)
    await SheetModel.insertMany(sheets.slice(i, i + 500), { lean: true });
  connectFeatures();
  slow.length = 0;
  const lines = [
    `Import into an embedded database (FerretDB) already holding ${existingSheets} sheets, ${os.cpus().length} CPUs; each file imported once, then again (nothing created)`,
    '',
    '| kind | rows | first import s | rows/s | created | second import s | created |',
    '| --- | ---: | ---: | ---: | ---: | ---: | ---: |',
  ];
  try {
    for (const kind of ['fiches', 'reponses'] as const) {
      for (const size of sizes) {
        const file = Buffer.from(JSON.stringify(rowsFor(kind, size)));
        const timed = async () => {
          const started = performance.now();
          const result = await importFromCli(kind, `${kind}-${size}.json`, file, false);
          if (result.errors.length) throw new Error(JSON.stringify(result.errors.slice(0, 3)));
          return { s: (performance.now() - started) / 1000, created: result.written!.created };
        };
        const first = await timed();
        const again = await timed();
        const line = `| ${kind} | ${size} | ${first.s.toFixed(1)} | ${Math.round(size / first.s)} | ${first.created} | ${again.s.toFixed(1)} | ${again.created} |`;
        console.log(line);
        lines.push(line);
        if (first.created !== size || again.created !== 0) process.exitCode = 1;
      }
    }
    lines.push('', ...(await bulkChanges(sheets, slow)));
    lines.push(
      '',
      `Commands that held the database lock longer than 50 ms meanwhile: ${slow.length}`,
      '',
      ...slowCommandsTable(slow),
      '',
    );
    fs.writeFileSync(
      path.join(__dirname, 'results', quick ? 'bulk-quick.md' : 'bulk.md'),
      lines.join('\n'),
    );
    console.log(lines.join('\n'));
    judgeSlowCommands(slow, quick);
  } finally {
    await mongoose.disconnect();
    await db.stop();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
