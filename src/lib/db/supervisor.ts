import { spawn, type ChildProcess } from 'node:child_process';
import readline from 'node:readline';
import type { DatabaseLog } from './embedded';

export interface SupervisorOptions {
  /** Shown in logs. */
  name: string;
  command: string;
  args: string[];
  /** Resolves once a freshly started child serves requests; `signal` aborts when it exits. */
  ready(signal: AbortSignal): Promise<void>;
  log: DatabaseLog;
  /** Waits before each restart; the last one repeats. Back to the first after a stable run. */
  backoffMs?: number[];
  /**
   * A check that a ready child still does its work, beyond answering: run every `everyMs`; when it
   * has not settled after `deadlineMs`, `stalled` is logged and the child is killed, then
   * restarted like a crash. A check that fails fast (the child restarting) is not a stall.
   */
  liveness?: {
    everyMs: number;
    deadlineMs: number;
    check(): Promise<void>;
    stalled: string;
  };
}

const defaultBackoffMs = [200, 500, 1000, 2000, 5000, 10_000];
/** A child that ran this long before exiting restarts after the shortest wait again. */
const stableRunMs = 60_000;
const stopGraceMs = 5000;

/**
 * Keeps a server process running: starts it, waits until it is ready, and restarts it with the
 * same arguments (same port, same data) whenever it exits without being asked to, waiting a
 * little longer after each quick failure. Its stderr goes to the log, one warning per line.
 * `stop()` ends it for good.
 */
export async function supervise(
  options: SupervisorOptions,
): Promise<{ pid(): number | undefined; stop(): Promise<void> }> {
  const { name, log, backoffMs = defaultBackoffMs } = options;
  let child: ChildProcess | undefined;
  let supervising = false;
  let stopping = false;
  let failures = 0;
  let restartTimer: NodeJS.Timeout | undefined;
  let exited: Promise<void> = Promise.resolve();
  let lastStderr = '';

  const killOnExit = () => child?.kill('SIGKILL');
  const running = (c: ChildProcess) => child === c && c.exitCode === null && c.signalCode === null;
  /** The child once it answered: a child still starting is not checked. */
  let readyChild: ChildProcess | undefined;
  let probeTimer: NodeJS.Timeout | undefined;
  let probing = false;
  const probe = (c: ChildProcess) => {
    const liveness = options.liveness;
    if (!liveness || probing || c !== readyChild || !running(c) || stopping) return;
    probing = true;
    const stall = setTimeout(() => {
      if (!running(c) || stopping) return;
      log.error(`${name} ${liveness.stalled} : redémarrage`);
      c.kill('SIGKILL');
    }, liveness.deadlineMs);
    liveness
      .check()
      .catch(() => undefined)
      .finally(() => {
        clearTimeout(stall);
        probing = false;
      });
  };
  process.once('exit', killOnExit);

  const start = () => {
    const startedAt = Date.now();
    const current = spawn(options.command, options.args, { stdio: ['ignore', 'ignore', 'pipe'] });
    const gone = new AbortController();
    child = current;
    readline.createInterface({ input: current.stderr! }).on('line', (line) => {
      lastStderr = `${lastStderr}\n${line}`.slice(-2000);
      log.warn(`${name} : ${line}`);
    });
    exited = new Promise((resolve) => {
      current.once('exit', (code, signal) => {
        gone.abort();
        resolve();
        if (!supervising || stopping || child !== current) return;
        failures = Date.now() - startedAt > stableRunMs ? 1 : failures + 1;
        const wait = backoffMs[Math.min(failures, backoffMs.length) - 1];
        log.error(
          `${name} s’est arrêté (${signal ? `signal ${signal}` : `code ${code}`}) : redémarrage dans ${wait} ms`,
        );
        restartTimer = setTimeout(restart, wait);
      });
    });
    return { current, ready: () => options.ready(gone.signal) };
  };

  const restart = () => {
    if (stopping) return;
    const { current, ready } = start();
    ready().then(
      () => {
        if (running(current) && !stopping) {
          readyChild = current;
          log.warn(`${name} redémarré, de nouveau disponible`);
        }
      },
      (error: unknown) => {
        if (running(current) && !stopping) {
          log.error(`${name} ne répond pas après redémarrage : ${String(error)}`);
        }
      },
    );
  };

  // First start: a failure is the caller's to report, not a reason to retry.
  const { current: first, ready } = start();
  const firstExit = new Promise<never>((_, reject) =>
    first.once('exit', (code, signal) =>
      reject(
        new Error(
          `${name} s’est arrêté au démarrage (${signal ?? `code ${code}`}) : ${lastStderr.trim()}`,
        ),
      ),
    ),
  );
  try {
    await Promise.race([ready(), firstExit]);
  } catch (error) {
    stopping = true;
    first.kill('SIGKILL');
    process.removeListener('exit', killOnExit);
    throw error;
  }
  supervising = true;
  readyChild = first;
  if (options.liveness) {
    probeTimer = setInterval(() => child && probe(child), options.liveness.everyMs);
    probeTimer.unref();
  }

  return {
    pid: () => child?.pid,
    async stop() {
      stopping = true;
      clearTimeout(restartTimer);
      clearInterval(probeTimer);
      process.removeListener('exit', killOnExit);
      if (!child || !running(child)) return;
      child.kill('SIGTERM');
      const force = setTimeout(() => child?.kill('SIGKILL'), stopGraceMs);
      await exited;
      clearTimeout(force);
    },
  };
}
