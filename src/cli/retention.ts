// npm run retention [-- --dry-run] — applies the retention durations of the configuration now:
// deletes or anonymises what is past them, warns the authors of drafts about to go. The server
// runs it daily by itself; --dry-run lists what it would do and changes nothing.
import { parseArgs } from 'node:util';
import { connectFeatures } from '../app';
import { runCli } from '../lib/bootstrap';
import { createMailer } from '../lib/mail';
import { reportText, runRetention } from '../privacy';

runCli(async ({ config }) => {
  const { values } = parseArgs({ options: { 'dry-run': { type: 'boolean', default: false } } });
  const dryRun = values['dry-run'];
  // A draft deleted here leaves the inbox as it would through the app.
  connectFeatures();
  const lines = await runRetention(config, createMailer(config), { dryRun });
  const title = dryRun ? 'Simulation (rien n’est modifié)' : 'Durées de conservation appliquées';
  process.stdout.write(`${title}\n${reportText(lines)}\n`);
});
