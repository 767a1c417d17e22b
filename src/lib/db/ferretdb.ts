import { execFile, spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { rootDir } from '../paths';
import { freePort, waitForPing, type EmbeddedServer } from './embedded';

const run = promisify(execFile);

/** Where the launcher keeps the FerretDB binary it builds (git-ignored). */
const builtBinary = path.join(rootDir, '.cache', 'ferretdb', 'ferretdb');

async function answersVersion(binary: string): Promise<boolean> {
  try {
    await run(binary, ['--version'], { timeout: 10_000 });
    return true;
  } catch {
    return false;
  }
}

async function goBinDir(): Promise<string | undefined> {
  try {
    const { stdout } = await run('go', ['env', 'GOPATH'], { timeout: 10_000 });
    return path.join(stdout.trim(), 'bin');
  } catch {
    return undefined;
  }
}

/**
 * Finds a working `ferretdb` binary: $FERRETDB_BIN, then PATH, then $(go env GOPATH)/bin, then the
 * one this launcher built earlier; otherwise builds FerretDB v1.24.2 from tools/ferretdb.
 *
 * Why not `go install github.com/FerretDB/FerretDB/cmd/ferretdb@v1.24.2` alone: that binary panics
 * at start-up (its module zip lacks build/version/version.txt), so a found binary is only used if
 * `--version` succeeds, and the fallback builds the same server through FerretDB's embeddable
 * package from our own Go module (tools/ferretdb), which skips that check.
 */
export async function findOrBuildFerretDB(log: (msg: string) => void): Promise<string> {
  const gobin = await goBinDir();
  const candidates = [
    process.env.FERRETDB_BIN,
    ...(process.env.PATH ?? '').split(path.delimiter).map((dir) => path.join(dir, 'ferretdb')),
    gobin && path.join(gobin, 'ferretdb'),
    builtBinary,
  ].filter((c): c is string => Boolean(c) && fs.existsSync(c as string));

  for (const candidate of candidates) {
    if (await answersVersion(candidate)) return candidate;
  }

  log('FerretDB introuvable : compilation de FerretDB v1.24.2 (go build, une seule fois)…');
  try {
    await run('go', ['build', '-o', builtBinary, '.'], {
      cwd: path.join(rootDir, 'tools', 'ferretdb'),
      timeout: 15 * 60_000,
      env: { ...process.env, CGO_ENABLED: '0' },
    });
  } catch (error) {
    throw new Error(
      `compilation de FerretDB impossible (Go est-il installé ?) : ${String(error)}`,
      {
        cause: error,
      },
    );
  }
  return builtBinary;
}

export interface FerretDBOptions {
  /** Directory of the SQLite files (created if missing). */
  dataDir: string;
  log: (msg: string) => void;
}

/** Starts FerretDB over SQLite on a free loopback port and waits until it answers ping. */
export async function startFerretDB({ dataDir, log }: FerretDBOptions): Promise<EmbeddedServer> {
  const binary = await findOrBuildFerretDB(log);
  fs.mkdirSync(dataDir, { recursive: true });
  const port = await freePort();
  const child: ChildProcess = spawn(
    binary,
    [
      '--handler=sqlite',
      `--sqlite-url=file:${dataDir}/`,
      `--listen-addr=127.0.0.1:${port}`,
      `--state-dir=${dataDir}`,
      '--telemetry=disable',
      '--debug-addr=-',
      '--log-level=error',
    ],
    { stdio: ['ignore', 'ignore', 'pipe'] },
  );
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr = (stderr + chunk.toString()).slice(-4000);
  });
  // Never leave an orphan server behind, even on an abrupt exit of this process.
  const killOnExit = () => child.kill('SIGKILL');
  process.once('exit', killOnExit);

  const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
  const uri = `mongodb://127.0.0.1:${port}/`;
  try {
    await Promise.race([
      waitForPing(uri, 30_000),
      exited.then((code) => {
        throw new Error(`FerretDB s'est arrêté (code ${code}) : ${stderr.trim()}`);
      }),
    ]);
  } catch (error) {
    child.kill('SIGKILL');
    process.removeListener('exit', killOnExit);
    throw error;
  }

  return {
    uri,
    async stop() {
      process.removeListener('exit', killOnExit);
      if (child.exitCode !== null) return;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
      await exited;
      clearTimeout(timer);
    },
  };
}
