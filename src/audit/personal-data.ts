import { Types } from 'mongoose';
import { wholeReadBatch } from '../lib/db/whole-read';
import {
  before,
  line,
  sameEmail,
  type DataSubject,
  type PersonalDataDeclaration,
  type RetentionRun,
} from '../lib/personal-data';
import { AuditEventModel, type AuditEvent } from './audit.model';

/** The journal is append-only through its model: these corrections go through the collection. */
const events = () => AuditEventModel.collection;

/** An IPv4 address without its last byte, an IPv6 one without its last 80 bits. */
export function truncatedIp(ip: string): string {
  if (ip.includes(':')) return `${ip.split(':').slice(0, 3).join(':')}::`;
  return ip.replace(/\.\d+$/, '.0');
}
const isTruncated = (ip: string) => ip.endsWith('::') || ip.endsWith('.0');

const mentions = (e: AuditEvent, email: string) =>
  sameEmail(e.actor?.email, email) ||
  JSON.stringify([e.target?.label, e.details]).toLowerCase().includes(email.trim().toLowerCase());

/** Every event read in small batches, newest last (an admin's rare search, the daily job). */
const allEvents = () =>
  AuditEventModel.find({}, { at: 1, actor: 1, action: 1, target: 1, details: 1, ip: 1 })
    .batchSize(wholeReadBatch)
    .lean<AuditEvent[]>();

async function eventsOf(subject: DataSubject): Promise<AuditEvent[]> {
  if (!('email' in subject)) return [];
  return (await allEvents()).filter((e) => mentions(e, subject.email));
}

export const journalPersonalData: PersonalDataDeclaration = {
  processing: {
    name: 'Journal de l’espace de modération',
    purpose:
      'Savoir qui a fait quoi dans l’espace de modération (connexions, statuts, publications, comptes), pour la sécurité et pour rendre compte.',
    legalBasis: 'Intérêt légitime (sécurité du service) et obligation de sécurité (RGPD art. 32).',
    people: 'Membres de l’équipe qui utilisent l’espace de modération.',
    data: 'Compte (e-mail, nom), action, objet concerné, date, adresse IP.',
    recipients: 'Les administrateurs de la plateforme.',
    retention: (p) =>
      `Entrées supprimées après ${p.journalMonths} mois ; adresses IP tronquées après ${p.ipDays} jours.`,
  },
  fields: {
    AuditEvent: { personal: ['actor.email', 'actor.name', 'ip', 'target.label', 'details'] },
  },
  find: async (subject) =>
    (await eventsOf(subject)).map((e) => ({
      label: `Journal : ${e.action}`,
      detail: e.at.toISOString(),
      data: e,
    })),
  async erase(subject) {
    const found = await eventsOf(subject);
    for (const e of found) {
      await events().updateOne(
        { _id: e._id as Types.ObjectId },
        {
          $set: {
            ...(e.actor && sameEmail(e.actor.email, (subject as { email: string }).email)
              ? { 'actor.email': 'compte-efface@anonyme.invalid', 'actor.name': '' }
              : {}),
            ...(e.target ? { 'target.label': '' } : {}),
            details: null,
            ip: null,
          },
        },
      );
    }
    return line('Entrée du journal qui nomme la personne', found.length, 'anonymisé');
  },
  async retain(run: RetentionRun) {
    const expiry = before(run.now, { months: run.policy.journalMonths });
    const ipExpiry = before(run.now, { days: run.policy.ipDays });
    const all = await AuditEventModel.find({}, { at: 1, ip: 1 })
      .batchSize(wholeReadBatch)
      .lean<Array<Pick<AuditEvent, '_id' | 'at' | 'ip'>>>();
    const old = all.filter((e) => e.at < expiry);
    const ips = all.filter((e) => e.at >= expiry && e.at < ipExpiry && e.ip && !isTruncated(e.ip));
    if (!run.dryRun) {
      for (const e of old) await events().deleteOne({ _id: e._id });
      for (const e of ips) {
        await events().updateOne({ _id: e._id }, { $set: { ip: truncatedIp(e.ip!) } });
      }
    }
    return [
      ...line('Entrée du journal au-delà du délai', old.length, 'supprimé'),
      ...line('Adresse IP du journal (tronquée)', ips.length, 'anonymisé'),
    ];
  },
};
