import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { rootDir } from '../paths';
import { freePort, waitForPing, type DatabaseLog, type EmbeddedServer } from './embedded';
import { supervise } from './supervisor';

const run = promisify(execFile);

/** Our Go main: FerretDB v1.24.2 behind the lock that makes its writes atomic. */
const sourcesDir = path.join(rootDir, 'tools', 'ferretdb');
/** Where the launcher keeps the binaries it builds (git-ignored). */
const cacheDir = path.join(rootDir, '.cache', 'ferretdb');

/**
 * Hash of tools/ferretdb's sources (Go files without tests, go.mod, go.sum). It names the built
 * binary and is stamped into it, so a clone whose sources changed rebuilds instead of reusing an
 * older binary (one without the lock, say).
 */
export function ferretdbSourceHash(): string {
  const hash = createHash('sha256');
  const files = fs
    .readdirSync(sourcesDir)
    .filter(
      (f) => (f.endsWith('.go') && !f.endsWith('_test.go')) || f === 'go.mod' || f === 'go.sum',
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
  try {
    await run('go', ['build', '-o', building, '-ldflags', `-X main.sourceHash=${hash}`, '.'], {
      cwd: sourcesDir,
      timeout: 15 * 60_000,
      env: { ...process.env, CGO_ENABLED: '0' },
    });
  } catch (error) {
    fs.rmSync(building, { force: true });
    throw new Error(
      `compilation de FerretDB impossible (Go est-il installé ?) : ${String(error)}`,
      {
        cause: error,
      },
    );
  }
  // Renaming is atomic: a launcher running at the same time sees no half-written binary.
  fs.renameSync(building, binary);
  for (const old of fs.readdirSync(cacheDir)) {
    if (old !== path.basename(binary) && !old.endsWith('.tmp')) {
      fs.rmSync(path.join(cacheDir, old), { force: true });
    }
  }
  return binary;
}

export interface FerretDBOptions {
  /** Directory of the SQLite files (created if missing). */
  dataDir: string;
  log: DatabaseLog;
}

/**
 * Starts FerretDB over SQLite on a free loopback port, supervised: if it dies, it is started
 * again on the same port and data, so clients reconnect by themselves.
 */
export async function startFerretDB({ dataDir, log }: FerretDBOptions): Promise<EmbeddedServer> {
  const binary = await findOrBuildFerretDB((msg) => log.info(msg));
  fs.mkdirSync(dataDir, { recursive: true });
  // FerretDB's own socket, in a directory only this user can enter (mkdtemp makes it 0700):
  // every client goes through the lock on the TCP port.
  const socketDir = fs.mkdtempSync(path.join(os.tmpdir(), 'bp-ferretdb-'));
  const port = await freePort();
  const uri = `mongodb://127.0.0.1:${port}/`;
  try {
    const server = await supervise({
      name: 'FerretDB',
      command: binary,
      args: [
        `--listen-addr=127.0.0.1:${port}`,
        `--sqlite-url=file:${dataDir}/`,
        `--socket=${path.join(socketDir, 'ferretdb.sock')}`,
        '--log-level=error',
      ],
      ready: (signal) => waitForPing(uri, 30_000, signal),
      log,
    });
    return {
      uri,
      pid: server.pid,
      async stop() {
        await server.stop();
        fs.rmSync(socketDir, { recursive: true, force: true });
      },
    };
  } catch (error) {
    fs.rmSync(socketDir, { recursive: true, force: true });
    throw error;
  }
}
