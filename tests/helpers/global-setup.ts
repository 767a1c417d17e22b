import { startDatabase, type Database } from '../../src/lib/db';

declare global {
  var __testDatabase: Database | undefined;
}

/**
 * Starts one real database server for the whole run, through the app's own launcher:
 * MONGODB_URI if set, else mongodb-memory-server (mongod), else FerretDB over SQLite in a temp dir.
 * Each test file then works in its own database on that server (tests/helpers/db.ts).
 */
export default async function globalSetup(): Promise<void> {
  const embedded = (process.env.EMBEDDED_DB ?? 'auto') as 'auto' | 'mongodb' | 'ferretdb';
  const db = await startDatabase({
    mongodbUri: process.env.MONGODB_URI || undefined,
    embedded,
    log: {
      info: (msg) => process.stdout.write(`${msg}\n`),
      warn: (msg) => process.stderr.write(`${msg}\n`),
      error: (msg) => process.stderr.write(`${msg}\n`),
    },
  });
  process.stdout.write(`\nBase de test : ${db.source}\n`);
  globalThis.__testDatabase = db;
  process.env.TEST_MONGODB_URI = db.uri;
  process.env.TEST_DB_SOURCE = db.source;
}
