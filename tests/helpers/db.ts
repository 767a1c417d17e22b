import path from 'node:path';
import mongoose from 'mongoose';
import { connectMongoose, type DatabaseLog } from '../../src/lib/db';
import { bumpContentVersion } from '../../src/lib/content-version';
import { meetingsChanged } from '../../src/meetings/meeting.version';
import { stopSearchWorker } from '../../src/compendium/search-index';
import { rowsChanged } from '../../src/moderation/inbox-cache';
import { sheetsWritten } from '../../src/sheets/sheets-version';
import { accountWrites } from '../../src/accounts/session-accounts';
import { registrationWrites } from '../../src/meetings/registrations/registration-writes';

/** For servers started by a test itself: their start-up and restarts are not the test's output. */
export const quietLog: DatabaseLog = {
  info: () => undefined,
  warn: () => undefined,
  error: () => undefined,
};

/** Server URI started by globalSetup. */
export function testServerUri(): string {
  const uri = process.env.TEST_MONGODB_URI;
  if (!uri) throw new Error('TEST_MONGODB_URI absent : lancer les tests avec `npm test`');
  return uri;
}

/**
 * Connects Mongoose to a database of its own for the calling test file, and drops it afterwards.
 * Call at the top level of a test file.
 */
export function useTestDatabase(): { name: string } {
  const caller = path.basename(expect.getState().testPath ?? 'test', '.test.ts');
  const name = `t-${caller.replace(/[^a-z0-9]/gi, '-').slice(0, 40)}-${process.pid}`;
  beforeAll(async () => {
    await connectMongoose(testServerUri(), name);
  });
  afterAll(async () => {
    await mongoose.connection.db?.dropDatabase();
    await mongoose.disconnect();
    await stopSearchWorker();
  });
  return { name };
}

/**
 * Empties every collection of the current test database (between tests). Version counters
 * (src/lib/version-counter.ts) only grow, as in production: a cache keyed by a version (published
 * sheets, vocabularies, pages, inbox rows) must never see one number stand for two states of the
 * data — so emptying the database moves them, as any other change does.
 */
export async function clearDatabase(): Promise<void> {
  const db = mongoose.connection.db;
  if (!db) return;
  const collections = await db.collections();
  await Promise.all(
    collections.map((c) =>
      c.deleteMany(c.collectionName === 'counters' ? { _id: { $not: /-version$/ } } : {}),
    ),
  );
  await Promise.all([
    bumpContentVersion(),
    rowsChanged(),
    meetingsChanged(),
    sheetsWritten(),
    registrationWrites.written(),
    accountWrites.written(),
  ]);
}
