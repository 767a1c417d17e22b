import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import mongoose from 'mongoose';
import { startFerretDB } from '../../src/lib/db/ferretdb';
import type { EmbeddedServer } from '../../src/lib/db/embedded';

// Its own FerretDB, frozen on purpose: the one shared by the other test files must keep working.
jest.setTimeout(90_000);

const logged: string[] = [];
const log = {
  info: () => undefined,
  warn: () => undefined,
  error: (message: string) => logged.push(message),
};
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'bp-probe-'));
let server: EmbeddedServer;

beforeAll(async () => {
  server = await startFerretDB({
    dataDir,
    log,
    database: 'gel',
    writeProbe: { everyMs: 300, deadlineMs: 3000 },
  });
});
afterAll(async () => {
  await server?.stop();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

/** FerretDB's private socket, read from the process's command line (the launcher never gives it). */
function socketOf(pid: number): string {
  const args = fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0');
  return args.find((a) => a.startsWith('--socket='))!.slice('--socket='.length);
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('FerretDB that answers but completes no write', () => {
  it('when a command that never returns holds FerretDB, then the write probe notices it within its deadline, logs it in French and restarts it, and writes complete again', async () => {
    const client = await new mongoose.mongo.MongoClient(server.uri).connect();
    const items = client.db('gel').collection<{ _id: string; v: number }>('items');
    await items.insertMany(Array.from({ length: 150 }, (_, i) => ({ _id: `d${i}`, v: 0 })));
    const frozenPid = server.pid!()!;

    // Straight to FerretDB, past the proxy that splits such commands: 150 statements in one
    // `update` never return, and every later write to that database waits behind them.
    const direct = new mongoose.mongo.MongoClient(
      `mongodb://${encodeURIComponent(socketOf(frozenPid))}`,
      { serverSelectionTimeoutMS: 2000 },
    );
    await direct.connect();
    void direct
      .db('gel')
      .collection<{ _id: string; v: number }>('items')
      .bulkWrite(
        Array.from({ length: 150 }, (_, i) => ({
          updateOne: { filter: { _id: `d${i}` }, update: { $inc: { v: 1 } } },
        })),
      )
      .catch(() => undefined);

    const deadline = Date.now() + 30_000;
    while (server.pid!() === frozenPid && Date.now() < deadline) await sleep(200);
    expect(server.pid!()).not.toBe(frozenPid);
    expect(logged.some((m) => /n’a terminé aucune écriture en 3 s : redémarrage/.test(m))).toBe(
      true,
    );

    let written = false;
    while (!written && Date.now() < deadline + 30_000) {
      written = await items
        .updateOne({ _id: 'd0' }, { $set: { v: 42 } })
        .then((r) => r.matchedCount === 1)
        .catch(() => false);
      if (!written) await sleep(200);
    }
    expect(written).toBe(true);
    expect((await items.findOne({ _id: 'd0' }))?.v).toBe(42);
    await direct.close(true).catch(() => undefined);
    await client.close();
  });
});
