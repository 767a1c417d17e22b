// npm run retirer-exemples [-- --dry-run] — removes the demonstration's fictitious content
// (sheets, responses and the sheets made from them, the example meeting and its registrations)
// and says how many of each went; a later seeding does not bring it back.
import { parseArgs } from 'node:util';
import { connectFeatures } from '../app';
import { runCli } from '../lib/bootstrap';
import { countExamples, countsText, removeExamples } from '../examples';

runCli(async () => {
  const { values } = parseArgs({ options: { 'dry-run': { type: 'boolean', default: false } } });
  // Deleted responses leave the inbox as they would through the app.
  connectFeatures();
  if (values['dry-run']) {
    process.stdout.write(`Simulation (rien n’est retiré) : ${countsText(await countExamples())}\n`);
    return;
  }
  process.stdout.write(`Données d’exemple retirées : ${countsText(await removeExamples())}\n`);
});
