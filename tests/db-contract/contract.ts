import mongoose from 'mongoose';

/**
 * One query shape the application sends (or may send): the tests inside assert its exact result
 * on known data. The README's "portable subset" lists exactly these names (readme.test.ts).
 */
export function contract(shape: string, tests: () => void): void {
  describe(shape, tests);
}

/** The raw driver database of the file's test database (see useTestDatabase). */
export function rawDb(): mongoose.mongo.Db {
  const db = mongoose.connection.db;
  if (!db) throw new Error('call useTestDatabase() first');
  return db;
}

/** Sorted copy, to compare sets of values whatever order the server returned them in. */
export const sorted = <T>(values: T[]): T[] => [...values].sort();

/** A driver error's code, e.g. 11000 for a duplicate key. */
export async function errorCode(operation: Promise<unknown>): Promise<unknown> {
  try {
    await operation;
  } catch (error) {
    return (error as { code?: unknown }).code;
  }
  return 'no error';
}
