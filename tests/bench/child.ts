// Child processes of the benches: the app as `npm start` runs it (compiled, production mode,
// its own process) and the ceilings, so the load generator never shares their event loop.
import { productionEnv } from '../helpers/production';
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { freePort } from '../../src/lib/db/embedded';
import { rootDir } from '../../src/lib/paths';

/** Compiles the app into dist/ (git-ignored), as `npm start` does. */
function compileApp(): void {
  execFileSync(
    process.execPath,
    [require.resolve('typescript/bin/tsc'), '-p', 'tsconfig.build.json'],
    { cwd: rootDir, stdio: 'inherit' },
  );
}

/**
 * Starts a child process that prints its port (ceilings) or answers /readyz (the app). The app's
 * logs go to `logFile`, as in production where a collector reads them: not into a pipe drained by
 * this process, which also runs the load generator.
 */
export async function start(
  args: string[],
  env: NodeJS.ProcessEnv,
  port?: number,
  logFile?: string,
) {
  const loader = args[0].endsWith('.ts') ? ['--import', 'tsx'] : [];
  const child = spawn(process.execPath, [...loader, ...args], {
    cwd: rootDir,
    env: { ...process.env, ...env },
    stdio: ['ignore', logFile ? fs.openSync(logFile, 'w') : 'pipe', 'inherit'],
  });
  if (port === undefined) {
    const printed = await new Promise<string>((resolve) =>
      child.stdout!.once('data', (d) => resolve(String(d))),
    );
    child.stdout!.resume();
    return { child, url: `http://127.0.0.1:${printed.trim()}` };
  }
  const url = `http://127.0.0.1:${port}`;
  // Up to 3 minutes: a first start on a large database runs its migrations.
  for (let i = 0; i < 900; i++) {
    if (
      await fetch(`${url}/readyz`).then(
        (r) => r.ok,
        () => false,
      )
    )
      return { child, url };
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error('the app did not start');
}

/** A child's resident memory now, in bytes (from /proc). */
export function rssBytes(child: ChildProcess): number {
  const status = fs.readFileSync(`/proc/${child.pid}/status`, 'utf8');
  return Number(/VmRSS:\s+(\d+)/.exec(status)![1]) * 1024;
}

const clockTicks = Number(execFileSync('getconf', ['CLK_TCK']).toString().trim()) || 100;

/**
 * The CPU time a child has used so far, in µs (user and system, from /proc): read before and
 * after a run, it gives what each request cost the server itself, whatever the load generator
 * on the same CPUs took.
 */
export function cpuMicros(child: ChildProcess): number {
  const fields = fs.readFileSync(`/proc/${child.pid}/stat`, 'utf8').split(') ')[1].split(' ');
  // utime and stime are fields 14 and 15 of the line, 12 and 13 after the command's name.
  return ((Number(fields[11]) + Number(fields[12])) * 1e6) / clockTicks;
}

/** A child's resident memory in whole MB. */
export const rssMb = (child: ChildProcess): number => Math.round(rssBytes(child) / 1024 / 1024);

/**
 * The app compiled and started as in production (the Dockerfile's heap cap), on the database at
 * `mongodbUri`, its logs written to a file; resolves once it answers /readyz (after its start-up
 * work, such as the inbox rows' backfill).
 */
export async function startApp(mongodbUri: string, env: NodeJS.ProcessEnv = {}) {
  compileApp();
  const port = await freePort();
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'bp-bench-'));
  const logFile = path.join(dataDir, 'app.log');
  const app = await start(
    [path.join('dist', 'server.js')],
    {
      ...productionEnv,
      // As in the Dockerfile.
      NODE_OPTIONS: '--max-old-space-size=224',
      MALLOC_ARENA_MAX: '2',
      PORT: String(port),
      MONGODB_URI: mongodbUri,
      SEED_ON_START: 'false',
      DATA_DIR: dataDir,
      ...env,
    },
    port,
    logFile,
  );
  return { ...app, logFile };
}
