import net from 'node:net';
import mongoose from 'mongoose';

/** Where the launcher reports: progress (info), a restarted server (warn), a crash (error). */
export interface DatabaseLog {
  info(message: string): void;
  warn(message: string): void;
  error(message: string): void;
}

/** What every embedded server returns: where to connect, and how to stop it. */
export interface EmbeddedServer {
  uri: string;
  /** The server's current process, when the launcher supervises one (to signal it in tests). */
  pid?(): number | undefined;
  stop(): Promise<void>;
}

/** Asks the OS for a free loopback port. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

/** Resolves once the server at `uri` answers `ping`; rejects after `timeoutMs` or when aborted. */
export async function waitForPing(
  uri: string,
  timeoutMs: number,
  signal?: AbortSignal,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  while (Date.now() < deadline && !signal?.aborted) {
    const client = new mongoose.mongo.MongoClient(uri, {
      serverSelectionTimeoutMS: 500,
      connectTimeoutMS: 500,
    });
    try {
      await client.connect();
      await client.db('admin').command({ ping: 1 });
      return;
    } catch (error) {
      lastError = error;
      await new Promise((r) => setTimeout(r, 200));
    } finally {
      await client.close().catch(() => undefined);
    }
  }
  throw new Error(`le serveur ne répond pas à ping (${String(lastError)})`);
}
