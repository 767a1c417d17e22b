import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import mongoose from 'mongoose';
import type { DatabaseLog, EmbeddedServer } from './embedded';
import { startFerretDB } from './ferretdb';
import { startMongoMemoryServer } from './mongodb-memory';

export type { DatabaseLog } from './embedded';

/** Database name used when MONGODB_URI names none. */
export const defaultDatabaseName = 'bonnes-pratiques';

export type DatabaseSource = 'MONGODB_URI' | 'mongodb-memory-server' | 'FerretDB';

export interface DatabaseOptions {
  /** Used as is when set (production). */
  mongodbUri?: string;
  /** Which embedded server to try when no URI is set. */
  embedded: 'auto' | 'mongodb' | 'ferretdb';
  /** Persistent data directory (npm start); omitted = a throw-away temp directory (tests). */
  dataDir?: string;
  log: DatabaseLog;
  /** Embedded FerretDB: log commands holding its lock longer than this (benches set 50). */
  slowLockMs?: number;
}

export interface Database {
  /** Server URI without a database name. */
  uri: string;
  source: DatabaseSource;
  /** The embedded server's current process, if the launcher supervises one. */
  pid?(): number | undefined;
  stop(): Promise<void>;
}

export class NoDatabaseError extends Error {
  constructor(reasons: string[]) {
    super(
      [
        'Aucune base de données disponible. Trois possibilités :',
        '  1. définir MONGODB_URI (MongoDB 7+, par ex. mongodb://localhost:27017/bonnes-pratiques) ;',
        '  2. un accès Internet pour que mongodb-memory-server télécharge mongod ;',
        '  3. Go installé pour compiler et lancer FerretDB v1.24.2 sur SQLite (tools/ferretdb).',
        ...reasons.map((r) => `  → ${r}`),
      ].join('\n'),
    );
    this.name = 'NoDatabaseError';
  }
}

/** Gets a MongoDB-compatible server from, in order: MONGODB_URI, mongodb-memory-server, FerretDB. */
export async function startDatabase(options: DatabaseOptions): Promise<Database> {
  if (options.mongodbUri) {
    return { uri: options.mongodbUri, source: 'MONGODB_URI', stop: async () => undefined };
  }
  const tempDir = options.dataDir ? undefined : fs.mkdtempSync(path.join(os.tmpdir(), 'bp-db-'));
  const base = options.dataDir ?? tempDir!;
  const removeTemp = async () => {
    if (tempDir) fs.rmSync(tempDir, { recursive: true, force: true });
  };
  const reasons: string[] = [];

  const attempts: Array<[DatabaseSource, () => Promise<EmbeddedServer>]> = [];
  if (options.embedded !== 'ferretdb') {
    attempts.push([
      'mongodb-memory-server',
      () => startMongoMemoryServer(options.dataDir ? path.join(base, 'mongo') : undefined),
    ]);
  }
  if (options.embedded !== 'mongodb') {
    attempts.push([
      'FerretDB',
      () =>
        startFerretDB({
          dataDir: path.join(base, 'ferretdb'),
          log: options.log,
          database: defaultDatabaseName,
          slowLockMs: options.slowLockMs,
        }),
    ]);
  }

  for (const [source, start] of attempts) {
    try {
      const server = await start();
      return {
        uri: server.uri,
        source,
        pid: server.pid,
        async stop() {
          await server.stop();
          await removeTemp();
        },
      };
    } catch (error) {
      const message = error instanceof Error ? error.message.split('\n')[0] : String(error);
      reasons.push(`${source} : ${message}`);
    }
  }
  await removeTemp();
  throw new NoDatabaseError(reasons);
}

/** The database named in a MongoDB URI's path, if any (works for multi-host URIs). */
export function databaseNameIn(uri: string): string | undefined {
  const withoutQuery = uri.split('?')[0];
  const afterScheme = withoutQuery.slice(withoutQuery.indexOf('://') + 3);
  const slash = afterScheme.indexOf('/');
  const name = slash === -1 ? '' : decodeURIComponent(afterScheme.slice(slash + 1));
  return name || undefined;
}

/** Connects the default Mongoose connection (`options` adds driver options: command monitoring…). */
export async function connectMongoose(
  uri: string,
  dbName?: string,
  options: mongoose.ConnectOptions = {},
): Promise<typeof mongoose> {
  mongoose.set('strictQuery', true);
  return mongoose.connect(uri, {
    ...options,
    dbName: dbName ?? databaseNameIn(uri) ?? defaultDatabaseName,
    // While the database is unreachable an operation fails after 3 s (a 503 page) instead of
    // waiting in Mongoose's queue, and heartbeats notice a frozen server within about 6 s
    // (default: 40 s). The driver reconnects by itself once the server answers again.
    bufferCommands: false,
    serverSelectionTimeoutMS: 3000,
    connectTimeoutMS: 3000,
    heartbeatFrequencyMS: 3000,
  });
}
