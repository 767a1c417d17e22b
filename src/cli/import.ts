// npm run import -- <fichier.csv|.xlsx|.json> [--type reponses] [--lignes-valides]
// Same column mapping and checks as /moderation/import; nothing is written from a file with
// errors unless --lignes-valides. Importing a file twice creates no duplicate.
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { fail, runCli } from '../lib/bootstrap';
import { isImportKind } from '../import';
import { ImportFileError } from '../import';
import { importFromCli } from '../import';

const usage =
  'Usage : npm run import -- <fichier.csv|.xlsx|.json> [--type fiches|reponses] [--lignes-valides]';

const args = (() => {
  try {
    return parseArgs({
      options: { type: { type: 'string' }, 'lignes-valides': { type: 'boolean' } },
      allowPositionals: true,
    });
  } catch {
    return fail(usage);
  }
})();
const [file] = args.positionals;
const kind = args.values.type ?? 'fiches';
if (!file || !isImportKind(kind)) fail(usage);
if (!fs.existsSync(file)) fail(`Fichier introuvable : ${file}`);

runCli(async () => {
  let result;
  try {
    result = await importFromCli(
      kind,
      path.basename(file),
      fs.readFileSync(file),
      Boolean(args.values['lignes-valides']),
    );
  } catch (error) {
    if (error instanceof ImportFileError) fail(error.message);
    throw error;
  }
  for (const e of result.errors) process.stderr.write(`${e.message}\n`);
  if (!result.written) {
    fail(
      `${result.errors.length} ligne(s) en erreur : rien n’a été importé. Corrigez le fichier, ou relancez avec --lignes-valides.`,
    );
  }
  process.stdout.write(
    `${result.total} ligne(s) lue(s) : ${result.written.created} créée(s), ${result.written.existing} déjà importée(s), ${result.errors.length} en erreur.\n`,
  );
});
