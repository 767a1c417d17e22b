// npm run bench:db — what the embedded FerretDB's write lock costs: operations per second straight
// on FerretDB's Unix socket (no lock) and through our locking proxy (tools/ferretdb), for reads
// and writes, at 1, 8 and 32 connections. One run, a few seconds per cell, loopback only.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import mongoose from 'mongoose';
import { freePort, waitForPing } from '../../src/lib/db/embedded';
import { findOrBuildFerretDB } from '../../src/lib/db/ferretdb';

const secondsPerCell = Number(process.env.BENCH_SECONDS ?? 3);
const documents = 1000;
const connectionCounts = [1, 8, 32];

type Item = { _id: string; n: number; text: string };
const randomId = () => `doc-${Math.floor(Math.random() * documents)}`;

const workloads: Record<string, (items: mongoose.mongo.Collection<Item>) => Promise<unknown>> = {
  'read (findOne by _id)': (items) => items.findOne({ _id: randomId() }),
  'write (updateOne $inc)': (items) => items.updateOne({ _id: randomId() }, { $inc: { n: 1 } }),
};

/** Operations per second with `connections` clients of one connection each, all busy at once. */
async function opsPerSecond(
  uri: string,
  connections: number,
  operation: (items: mongoose.mongo.Collection<Item>) => Promise<unknown>,
): Promise<number> {
  const clients = await Promise.all(
    Array.from({ length: connections }, () =>
      new mongoose.mongo.MongoClient(uri, { maxPoolSize: 1 }).connect(),
    ),
  );
  const deadline = performance.now() + secondsPerCell * 1000;
  const started = performance.now();
  const counts = await Promise.all(
    clients.map(async (client) => {
      const items = client.db('bench').collection<Item>('items');
      let done = 0;
      while (performance.now() < deadline) {
        await operation(items);
        done++;
      }
      return done;
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  await Promise.all(clients.map((c) => c.close()));
  return counts.reduce((a, b) => a + b, 0) / seconds;
}

async function main() {
  const binary = await findOrBuildFerretDB((msg) => console.log(msg));
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bp-bench-db-'));
  const socket = path.join(dir, 'ferretdb.sock');
  const port = await freePort();
  const child = spawn(
    binary,
    [
      `--listen-addr=127.0.0.1:${port}`,
      `--sqlite-url=file:${dir}/`,
      `--socket=${socket}`,
      '--slow-lock=1h',
    ],
    { stdio: ['ignore', 'ignore', 'inherit'] },
  );
  const targets = {
    'FerretDB direct (socket)': `mongodb://${encodeURIComponent(socket)}/`,
    'through the lock (TCP)': `mongodb://127.0.0.1:${port}/`,
  };
  try {
    await waitForPing(targets['through the lock (TCP)'], 30_000);
    const setup = await new mongoose.mongo.MongoClient(
      targets['FerretDB direct (socket)'],
    ).connect();
    await setup
      .db('bench')
      .collection<Item>('items')
      .insertMany(
        Array.from({ length: documents }, (_, i) => ({
          _id: `doc-${i}`,
          n: 0,
          text: 'x'.repeat(200),
        })),
      );
    await setup.close();

    console.log(
      `FerretDB v1.24.2 (SQLite), ${documents} documents, ${secondsPerCell} s per cell, ${os.cpus().length} CPUs`,
    );
    console.log(`\n| workload | connections | direct ops/s | locked ops/s | locked / direct |`);
    console.log(`| --- | ---: | ---: | ---: | ---: |`);
    for (const [label, operation] of Object.entries(workloads)) {
      for (const connections of connectionCounts) {
        const direct = await opsPerSecond(
          targets['FerretDB direct (socket)'],
          connections,
          operation,
        );
        const locked = await opsPerSecond(
          targets['through the lock (TCP)'],
          connections,
          operation,
        );
        console.log(
          `| ${label} | ${connections} | ${direct.toFixed(0)} | ${locked.toFixed(0)} | ${(locked / direct).toFixed(2)} |`,
        );
      }
    }
  } finally {
    child.kill('SIGTERM');
    await new Promise((r) => child.once('exit', r));
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
