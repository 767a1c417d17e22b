import fs from 'node:fs/promises';
import path from 'node:path';
import type { Config } from '../config';
import { before, line, type DataSubject, type PersonalDataDeclaration } from '../personal-data';
import { outboxDir } from './index';

/** The development outbox's messages (.eml files) sent to the subject's address. */
async function messagesTo(config: Config, subject: DataSubject): Promise<string[]> {
  if (!('email' in subject)) return [];
  const dir = outboxDir(config);
  const needle = subject.email.trim().toLowerCase();
  const found: string[] = [];
  for (const file of await fs.readdir(dir).catch(() => [] as string[])) {
    const raw = await fs.readFile(path.join(dir, file), 'utf8').catch(() => '');
    if (raw.toLowerCase().includes(needle)) found.push(path.join(dir, file));
  }
  return found;
}

/** Without SMTP (development), e-mails are files: they hold addresses and links. */
export function outboxPersonalData(config: Config): PersonalDataDeclaration {
  return {
    processing: {
      name: 'Courriels en développement',
      purpose:
        'Sur un poste de développement sans serveur d’envoi, garder les courriels dans des fichiers.',
      legalBasis: 'Intérêt légitime (mise au point du service) ; jamais en production.',
      people: 'Destinataires des courriels.',
      data: 'Adresse, objet et texte des courriels, liens personnels compris.',
      recipients: 'La personne qui développe.',
      retention: (p) => `Fichiers supprimés après ${p.workFilesDays} jours.`,
    },
    fields: {},
    find: async (subject) =>
      (await messagesTo(config, subject)).map((file) => ({
        label: 'Courriel (fichier de développement)',
        data: { fichier: path.basename(file) },
      })),
    async erase(subject) {
      const files = await messagesTo(config, subject);
      for (const file of files) await fs.rm(file, { force: true });
      return line('Courriel gardé en fichier (développement)', files.length, 'supprimé');
    },
    async retain(run) {
      const dir = outboxDir(config);
      const expiry = before(run.now, { days: run.policy.workFilesDays });
      const old: string[] = [];
      for (const file of await fs.readdir(dir).catch(() => [] as string[])) {
        const stat = await fs.stat(path.join(dir, file)).catch(() => undefined);
        if (stat && stat.mtime < expiry) old.push(path.join(dir, file));
      }
      if (!run.dryRun) for (const file of old) await fs.rm(file, { force: true });
      return line('Courriel gardé en fichier (développement)', old.length, 'supprimé');
    },
  };
}
