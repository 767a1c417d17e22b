import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import mongoose from 'mongoose';
import { rootDir } from '../paths';
import { freePort, waitForPing, type DatabaseLog, type EmbeddedServer } from './embedded';
import { supervise } from './supervisor';

const run = promisify(execFile);

/** Our Go main: FerretDB v1.24.2 behind the lock that makes its writes atomic. */
const sourcesDir = path.join(rootDir, 'tools', 'ferretdb');
/** Where the launcher keeps the binaries it builds (git-ignored). */
const cacheDir = path.join(rootDir, '.cache', 'ferretdb');

/**
 * Hash of tools/ferretdb's sources (Go files without tests, go.mod, go.sum, the patches). It names
 * the built binary and is stamped into it, so a clone whose sources changed rebuilds instead of
 * reusing an older binary (one without the lock, say).
 */
export function ferretdbSourceHash(): string {
  const hash = createHash('sha256');
  const files = fs
    .readdirSync(sourcesDir)
    .filter(
      (f) =>
        (f.endsWith('.go') && !f.endsWith('_test.go')) ||
        ['go.mod', 'go.sum', 'patches.json'].includes(f),
    )
    .sort();
  for (const file of files) {
    hash
      .update(`${file}\0`)
      .update(fs.readFileSync(path.join(sourcesDir, file)))
      .update('\0');
  }
  return hash.digest('hex').slice(0, 16);
}

async function versionOf(binary: string): Promise<string | undefined> {
  try {
    const { stdout } = await run(binary, ['--version'], { timeout: 10_000 });
    return stdout.trim();
  } catch {
    return undefined;
  }
}

/**
 * The FerretDB binary built from tools/ferretdb's current sources, building it when missing.
 *
 * Never an official `ferretdb` found on PATH: it has no lock, so concurrent updates would be lost.
 * `FERRETDB_BIN` may name a binary built from these same sources elsewhere (e.g. on a machine
 * with Go, for one without); its `--version` must show the current source hash.
 */
export async function findOrBuildFerretDB(log: (msg: string) => void): Promise<string> {
  const hash = ferretdbSourceHash();
  const given = process.env.FERRETDB_BIN;
  if (given) {
    const version = await versionOf(given);
    if (!version?.includes(`sources ${hash}`)) {
      throw new Error(
        `FERRETDB_BIN=${given} n’est pas le FerretDB de ce dépôt (tools/ferretdb, sources ${hash}) ` +
          `mais « ${version ?? 'pas de réponse à --version'} » : retirez FERRETDB_BIN ou indiquez ` +
          `le binaire construit par « npx tsx src/cli/prepare-db.ts ».`,
      );
    }
    return given;
  }

  const binary = path.join(cacheDir, `ferretdb-${hash}`);
  if (fs.existsSync(binary)) return binary;

  log('Compilation de FerretDB v1.24.2 et de son verrou (tools/ferretdb, à chaque changement)…');
  fs.mkdirSync(cacheDir, { recursive: true });
  const building = `${binary}.${process.pid}.tmp`;
  const workDir = fs.mkdtempSync(path.join(cacheDir, 'build-'));
  try {
    const modfile = await patchedModule(workDir);
    await run(
      'go',
      [
        'build',
        `-modfile=${modfile}`,
        '-o',
        building,
        '-ldflags',
        `-X main.sourceHash=${hash}`,
        '.',
      ],
      { cwd: sourcesDir, timeout: 15 * 60_000, env: { ...process.env, CGO_ENABLED: '0' } },
    );
  } catch (error) {
    fs.rmSync(building, { force: true });
    throw new Error(
      `compilation de FerretDB impossible (Go est-il installé ?) : ${String(error)}`,
      {
        cause: error,
      },
    );
  } finally {
    fs.rmSync(workDir, { recursive: true, force: true });
  }
  // Renaming is atomic: a launcher running at the same time sees no half-written binary.
  fs.renameSync(building, binary);
  for (const old of fs.readdirSync(cacheDir)) {
    if (old !== path.basename(binary) && !old.endsWith('.tmp') && !old.startsWith('build-')) {
      fs.rmSync(path.join(cacheDir, old), { force: true });
    }
  }
  return binary;
}

interface Patch {
  why: string;
  file: string;
  find: string;
  replace: string;
  count: number;
}

/**
 * FerretDB's module, copied into `workDir` with tools/ferretdb/patches.json applied (each patch
 * says why), and a go.mod for the build that points at the copy. The copy is needed because Go
 * builds module-cache files only as downloaded. A patch that no longer finds its text exactly
 * `count` times stops the build: a new FerretDB version is read again, never patched blindly.
 */
async function patchedModule(workDir: string): Promise<string> {
  const module = 'github.com/FerretDB/FerretDB';
  const { stdout } = await run('go', ['mod', 'download', '-json', module], {
    cwd: sourcesDir,
    timeout: 10 * 60_000,
  });
  const source = (JSON.parse(stdout) as { Dir: string }).Dir;
  const copy = path.join(workDir, 'FerretDB');
  fs.cpSync(source, copy, { recursive: true });
  // The module cache is read-only: the copy must be writable to patch it and to remove it.
  for (const entry of fs.readdirSync(copy, { recursive: true, withFileTypes: true })) {
    const full = path.join(entry.parentPath, entry.name);
    fs.chmodSync(full, entry.isDirectory() ? 0o755 : 0o644);
  }
  fs.chmodSync(copy, 0o755);
  const patches = JSON.parse(
    fs.readFileSync(path.join(sourcesDir, 'patches.json'), 'utf8'),
  ) as Patch[];
  for (const patch of patches) {
    const file = path.join(copy, patch.file);
    const text = fs.readFileSync(file, 'utf8');
    const found = text.split(patch.find).length - 1;
    if (found !== patch.count) {
      throw new Error(
        `le correctif de ${patch.file} attend ${patch.count} occurrence(s) de « ${patch.find} », trouvé ${found}`,
      );
    }
    fs.writeFileSync(file, text.split(patch.find).join(patch.replace));
  }
  const modfile = path.join(workDir, 'build.mod');
  const goMod = fs.readFileSync(path.join(sourcesDir, 'go.mod'), 'utf8');
  fs.writeFileSync(modfile, `${goMod}\nreplace ${module} => ${copy}\n`);
  fs.copyFileSync(path.join(sourcesDir, 'go.sum'), path.join(workDir, 'build.sum'));
  return modfile;
}

export interface FerretDBOptions {
  /** Directory of the SQLite files (created if missing). */
  dataDir: string;
  log: DatabaseLog;
  /** The database the app writes to: the write probe writes there too. */
  database: string;
  /** How often a write is tried, and how long it may take before FerretDB is restarted. */
  writeProbe?: { everyMs: number; deadlineMs: number };
  /** Commands holding the lock longer than this are logged (warn); 500 ms unless given. */
  slowLockMs?: number;
}

/**
 * A FerretDB can answer `ping` and still complete no write again (a command that never returns
 * keeps the write lock, or holds every SQLite connection of the app's database): every `everyMs`
 * one small upsert goes through the lock into the app's database (collection `supervision`), and
 * a deadline passed means a restart. The deadline is far above any legitimate command, which
 * holds the lock for milliseconds.
 */
const defaultWriteProbe = { everyMs: 15_000, deadlineMs: 30_000 };

function writeProbe(uri: string, database: string, deadlineMs: number) {
  const client = new mongoose.mongo.MongoClient(uri, {
    serverSelectionTimeoutMS: deadlineMs,
    socketTimeoutMS: deadlineMs,
  });
  return {
    async check() {
      await client
        .db(database)
        .collection<{ _id: string; n: number }>('supervision')
        .updateOne({ _id: 'sonde' }, { $inc: { n: 1 } }, { upsert: true });
    },
    close: () => client.close().catch(() => undefined),
  };
}

/**
 * Starts FerretDB over SQLite on a free loopback port, supervised: if it dies, it is started
 * again on the same port and data, so clients reconnect by themselves.
 */
export async function startFerretDB({
  dataDir,
  log,
  database,
  writeProbe: probeTimes = defaultWriteProbe,
  slowLockMs = 500,
}: FerretDBOptions): Promise<EmbeddedServer> {
  const binary = await findOrBuildFerretDB((msg) => log.info(msg));
  fs.mkdirSync(dataDir, { recursive: true });
  // FerretDB's own socket, in a directory only this user can enter (mkdtemp makes it 0700):
  // every client goes through the lock on the TCP port.
  const socketDir = fs.mkdtempSync(path.join(os.tmpdir(), 'bp-ferretdb-'));
  const port = await freePort();
  const uri = `mongodb://127.0.0.1:${port}/`;
  const probe = writeProbe(uri, database, probeTimes.deadlineMs);
  try {
    const server = await supervise({
      name: 'FerretDB',
      command: binary,
      args: [
        `--listen-addr=127.0.0.1:${port}`,
        `--sqlite-url=file:${dataDir}/`,
        `--socket=${path.join(socketDir, 'ferretdb.sock')}`,
        '--log-level=error',
        `--slow-lock=${slowLockMs}ms`,
      ],
      ready: (signal) => waitForPing(uri, 30_000, signal),
      log,
      liveness: {
        ...probeTimes,
        check: probe.check,
        stalled: `répond mais n’a terminé aucune écriture en ${probeTimes.deadlineMs / 1000} s`,
      },
    });
    return {
      uri,
      pid: server.pid,
      async stop() {
        await probe.close();
        await server.stop();
        fs.rmSync(socketDir, { recursive: true, force: true });
      },
    };
  } catch (error) {
    await probe.close();
    fs.rmSync(socketDir, { recursive: true, force: true });
    throw error;
  }
}
