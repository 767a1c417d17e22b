import { wholeReadBatch } from '../lib/db/whole-read';
import { before, line, type DataSubject, type PersonalDataDeclaration } from '../lib/personal-data';
import { ImportBatchModel } from './import-batch.model';

/** Checked files hold their rows, contacts included, only until they are imported and a while. */
async function batchesOf(subject: DataSubject) {
  if (!('email' in subject)) return [];
  const needle = subject.email.trim().toLowerCase();
  const all = await ImportBatchModel.find({}, { source: 1, rows: 1, createdAt: 1 })
    .batchSize(wholeReadBatch)
    .lean();
  return all.filter((b) => JSON.stringify(b.rows).toLowerCase().includes(needle));
}

export const importPersonalData: PersonalDataDeclaration = {
  processing: {
    name: 'Imports de fichiers',
    purpose:
      'Reprendre dans la plateforme des fiches ou des réponses recueillies avec un autre outil.',
    legalBasis: 'Intérêt légitime du programme.',
    people: 'Personnes nommées dans les fichiers importés (contacts des pratiques).',
    data: 'Les lignes du fichier vérifié, contacts compris.',
    recipients: 'Les administrateurs et modérateurs qui importent.',
    retention: (p) => `Fichiers vérifiés supprimés ${p.workFilesDays} jours après leur dépôt.`,
  },
  fields: { ImportBatch: { personal: ['rows'], notPersonal: { createdBy: 'compte de l’équipe' } } },
  find: async (subject) =>
    (await batchesOf(subject)).map((b) => ({
      label: `Fichier importé « ${b.source} »`,
      data: { fichier: b.source, deposeLe: b.createdAt },
    })),
  async erase(subject) {
    const found = await batchesOf(subject);
    for (const b of found) await ImportBatchModel.deleteOne({ _id: b._id });
    return line('Fichier importé qui nomme la personne', found.length, 'supprimé');
  },
  async retain(run) {
    const expiry = before(run.now, { days: run.policy.workFilesDays });
    const all = await ImportBatchModel.find({}, { createdAt: 1, status: 1 })
      .batchSize(wholeReadBatch)
      .lean();
    // A job still running keeps its rows.
    const old = all.filter((b) => b.createdAt < expiry && b.status !== 'en-cours');
    if (!run.dryRun) for (const b of old) await ImportBatchModel.deleteOne({ _id: b._id });
    return line('Fichier importé au-delà du délai', old.length, 'supprimé');
  },
};
