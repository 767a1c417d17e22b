import fs from 'node:fs';
import { MongoBinary, MongoMemoryServer } from 'mongodb-memory-server';
import type { EmbeddedServer } from './embedded';

/**
 * Starts a real mongod through mongodb-memory-server. Resolving the binary first (download or
 * cache) lets an offline machine fail fast and quietly, so the caller can fall back to FerretDB.
 */
export async function startMongoMemoryServer(dbPath?: string): Promise<EmbeddedServer> {
  const systemBinary = await MongoBinary.getPath();
  if (dbPath) fs.mkdirSync(dbPath, { recursive: true });
  const server = await MongoMemoryServer.create({
    binary: { systemBinary },
    instance: dbPath ? { dbPath, storageEngine: 'wiredTiger' } : {},
  });
  return {
    uri: server.getUri(),
    async stop() {
      await server.stop({ doCleanup: !dbPath, force: false });
    },
  };
}
