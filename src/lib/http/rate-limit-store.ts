import type { ClientRateLimitInfo, Options, Store } from 'express-rate-limit';
import mongoose from 'mongoose';
import { line, type PersonalDataDeclaration } from '../personal-data';

interface Counter {
  _id: string;
  hits: number;
  expiresAt: Date;
}

const collectionName = 'rate_limits';
const purgeEveryMs = 10 * 60_000;

/**
 * express-rate-limit counters in MongoDB, so the limit holds across every app process.
 * Fixed windows: one document per client and window, incremented atomically (upsert + $inc).
 * Old windows are deleted periodically (FerretDB has no TTL index).
 */
export class MongoRateLimitStore implements Store {
  localKeys = false;
  private windowMs = 60_000;
  private lastPurge = 0;

  constructor(readonly prefix: string) {}

  init(options: Options): void {
    this.windowMs = options.windowMs;
  }

  private collection() {
    return mongoose.connection.collection<Counter>(collectionName);
  }

  private window(key: string) {
    const start = Math.floor(Date.now() / this.windowMs) * this.windowMs;
    return { id: `${this.prefix}:${key}:${start}`, resetTime: new Date(start + this.windowMs) };
  }

  async increment(key: string): Promise<ClientRateLimitInfo> {
    const { id, resetTime } = this.window(key);
    const update = () =>
      this.collection().findOneAndUpdate(
        { _id: id },
        { $inc: { hits: 1 }, $setOnInsert: { expiresAt: resetTime } },
        { upsert: true, returnDocument: 'after' },
      );
    let doc: Counter | null;
    try {
      doc = await update();
    } catch (error) {
      // Two first hits at once: one upsert wins, the other retries as a plain increment.
      if ((error as { code?: number }).code !== 11000) throw error;
      doc = await update();
    }
    void this.purge();
    return { totalHits: doc?.hits ?? 1, resetTime };
  }

  async decrement(key: string): Promise<void> {
    await this.collection().updateOne({ _id: this.window(key).id }, { $inc: { hits: -1 } });
  }

  async resetKey(key: string): Promise<void> {
    await this.collection().deleteOne({ _id: this.window(key).id });
  }

  private async purge(): Promise<void> {
    if (Date.now() - this.lastPurge < purgeEveryMs) return;
    this.lastPurge = Date.now();
    await this.collection()
      .deleteMany({ expiresAt: { $lt: new Date() } })
      .catch(() => undefined);
  }
}

/** The counters hold client addresses only for their window: the daily job sweeps what remains. */
export const rateLimitPersonalData: PersonalDataDeclaration = {
  processing: {
    name: 'Protection contre les abus',
    purpose:
      'Limiter le nombre d’envois par adresse IP (questionnaire, inscriptions, connexion) pour protéger le service.',
    legalBasis: 'Intérêt légitime (sécurité du service).',
    people: 'Toute personne qui envoie un formulaire.',
    data: 'Adresse IP et nombre d’envois dans une fenêtre de temps.',
    recipients: 'Aucun : compteurs techniques.',
    retention: () => 'La durée de la fenêtre de comptage (une heure au plus), puis supprimés.',
  },
  fields: {},
  find: async () => [],
  erase: async () => [],
  async retain(run) {
    const expired = { expiresAt: { $lt: run.now } };
    const counters = mongoose.connection.collection<Counter>(collectionName);
    const count = await counters.countDocuments(expired);
    if (!run.dryRun) await counters.deleteMany(expired);
    return line('Compteur d’envois par adresse IP expiré', count, 'supprimé');
  },
};
