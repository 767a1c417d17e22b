import mongoose from 'mongoose';

/**
 * A change to stored data that the code needs once, at start-up (a field every document must now
 * have, a value that must no longer be kept). Its id is never reused: it is recorded when done.
 */
export interface Migration {
  /** `YYYY-MM-DD-what-it-does`: run in this order. */
  id: string;
  /** Changes the data; returns how many documents it changed. Must be safe to run again. */
  run(): Promise<number>;
}

interface MigrationRecord {
  _id: string;
  startedAt: Date;
  doneAt?: Date;
  changed?: number;
}

const collection = () => mongoose.connection.collection<MigrationRecord>('migrations');

/**
 * Runs the migrations not yet recorded, in id order, each once: a process claims one by inserting
 * its record (the unique `_id` makes a second process skip it), and a failed one gives its claim
 * back so that the next start tries it again. Returns what each one run here changed.
 */
export async function runMigrations(migrations: Migration[]): Promise<Array<[string, number]>> {
  const done: Array<[string, number]> = [];
  for (const migration of [...migrations].sort((a, b) => a.id.localeCompare(b.id))) {
    try {
      await collection().insertOne({ _id: migration.id, startedAt: new Date() });
    } catch (error) {
      if ((error as { code?: number }).code === 11000) continue;
      throw error;
    }
    let changed: number;
    try {
      changed = await migration.run();
    } catch (error) {
      await collection().deleteOne({ _id: migration.id });
      throw error;
    }
    await collection().updateOne({ _id: migration.id }, { $set: { doneAt: new Date(), changed } });
    done.push([migration.id, changed]);
  }
  return done;
}
