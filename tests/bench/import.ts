// npm run bench:import — the import of 500, 1,000 and 2,000 rows, sheets then responses, into an
// embedded database that already holds 5,000 sheets (`-- --quick`: 100 and 200 rows over 500
// sheets). Commands holding the database lock longer than 50 ms are listed. Writes
// tests/bench/results/import.md.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import mongoose from 'mongoose';
import { connectMongoose, startDatabase } from '../../src/lib/db';
import { importFromCli } from '../../src/import';
import { connectFeatures } from '../../src/app';
import { SheetModel } from '../../src/sheets/sheet.model';
import { seedDatabase } from '../../src/seeding/seed.service';
import { generateSheets } from './generate';

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

async function main() {
  const slow: string[] = [];
  const db = await startDatabase({
    embedded: 'ferretdb',
    slowLockMs: 50,
    log: {
      info: () => undefined,
      warn: (msg: string) =>
        msg.includes('held the database lock') ? slow.push(msg) : console.warn(msg),
      error: console.error,
    },
  });
  await connectMongoose(db.uri, 'bench-import');
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
    lines.push(
      '',
      `Commands that held the database lock longer than 50 ms meanwhile: ${slow.length}`,
      ...slow.slice(0, 20).map((s) => `- ${s.replace(/^.*msg=/, '')}`),
      '',
    );
    fs.writeFileSync(
      path.join(__dirname, 'results', quick ? 'import-quick.md' : 'import.md'),
      lines.join('\n'),
    );
    console.log(lines.slice(-3 - Math.min(slow.length, 20)).join('\n'));
  } finally {
    await mongoose.disconnect();
    await db.stop();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
