import mongoose from 'mongoose';
import { ConfigError, loadConfig, type Config } from './config';
import { connectMongoose, NoDatabaseError, startDatabase, type Database } from './db';
import { createLogger, type Logger } from './logger';
import { dataPath } from './paths';

export interface Runtime {
  config: Config;
  logger: Logger;
  db: Database;
}

/** Messages meant for a person at a terminal, without a stack trace, then exit(1). */
export function fail(message: string): never {
  process.stderr.write(`\n${message}\n\n`);
  process.exit(1);
}

/** Config + logger + database + Mongoose connection: shared by the server and the CLI scripts. */
export async function bootstrap(): Promise<Runtime> {
  let config: Config;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) fail(error.message);
    throw error;
  }
  const logger = createLogger(config.logLevel, undefined, { buffered: config.isProduction });
  let db: Database;
  try {
    db = await startDatabase({
      mongodbUri: config.mongodbUri,
      embedded: config.embeddedDb,
      dataDir: dataPath(config.dataDir),
      log: logger,
    });
  } catch (error) {
    if (error instanceof NoDatabaseError) fail(error.message);
    throw error;
  }
  try {
    await connectMongoose(db.uri);
  } catch (error) {
    await db.stop();
    fail(`Connexion à la base de données impossible (${db.source}) : ${(error as Error).message}`);
  }
  return { config, logger, db };
}

export function describeSource(db: Database, config: Config): string {
  switch (db.source) {
    case 'MONGODB_URI':
      return 'MongoDB (MONGODB_URI)';
    case 'mongodb-memory-server':
      return `mongod embarqué (mongodb-memory-server, ${dataPath(config.dataDir, 'mongo')})`;
    case 'FerretDB':
      return `FerretDB v1.24.2 sur SQLite (${dataPath(config.dataDir, 'ferretdb')})`;
  }
}

/** Runs a command-line task with the database, then disconnects and stops it; errors end in exit(1). */
export function runCli(task: (runtime: Runtime) => Promise<void>): void {
  bootstrap()
    .then(async (runtime) => {
      try {
        await task(runtime);
      } finally {
        await mongoose.disconnect();
        await runtime.db.stop();
      }
    })
    .catch((error: unknown) => fail(error instanceof Error ? error.message : String(error)));
}
