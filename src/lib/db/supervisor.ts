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

/** One supervised server: its current child, and what happens when that child exits or hangs. */
class Supervisor {
  private child: ChildProcess | undefined;
  /** The child once it answered: a child still starting is not checked. */
  private readyChild: ChildProcess | undefined;
  private supervising = false;
  private stopping = false;
  private probing = false;
  private failures = 0;
  private restartTimer: NodeJS.Timeout | undefined;
  private probeTimer: NodeJS.Timeout | undefined;
  private exited: Promise<void> = Promise.resolve();
  private lastStderr = '';
  private readonly killOnExit = () => this.child?.kill('SIGKILL');

  constructor(private readonly options: SupervisorOptions) {
    process.once('exit', this.killOnExit);
  }

  private get backoffMs() {
    return this.options.backoffMs ?? defaultBackoffMs;
  }

  private running(c: ChildProcess) {
    return this.child === c && c.exitCode === null && c.signalCode === null;
  }

  /** First start: a failure is the caller's to report, not a reason to retry. */
  async first(): Promise<void> {
    const { current, ready } = this.start();
    const firstExit = new Promise<never>((_, reject) =>
      current.once('exit', (code, signal) =>
        reject(
          new Error(
            `${this.options.name} s’est arrêté au démarrage (${signal ?? `code ${code}`}) : ${this.lastStderr.trim()}`,
          ),
        ),
      ),
    );
    try {
      await Promise.race([ready(), firstExit]);
    } catch (error) {
      this.stopping = true;
      current.kill('SIGKILL');
      process.removeListener('exit', this.killOnExit);
      throw error;
    }
    this.supervising = true;
    this.readyChild = current;
    const liveness = this.options.liveness;
    if (liveness) {
      this.probeTimer = setInterval(() => this.child && this.probe(this.child), liveness.everyMs);
      this.probeTimer.unref();
    }
  }

  private start() {
    const { name, log } = this.options;
    const startedAt = Date.now();
    const current = spawn(this.options.command, this.options.args, {
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    const gone = new AbortController();
    this.child = current;
    readline.createInterface({ input: current.stderr! }).on('line', (line) => {
      this.lastStderr = `${this.lastStderr}\n${line}`.slice(-2000);
      log.warn(`${name} : ${line}`);
    });
    this.exited = new Promise((resolve) => {
      current.once('exit', (code, signal) => {
        gone.abort();
        resolve();
        this.exitedUnasked(current, startedAt, signal ? `signal ${signal}` : `code ${code}`);
      });
    });
    return { current, ready: () => this.options.ready(gone.signal) };
  }

  /** Restarts a child that exited on its own, waiting longer after each quick failure. */
  private exitedUnasked(current: ChildProcess, startedAt: number, how: string) {
    if (!this.supervising || this.stopping || this.child !== current) return;
    this.failures = Date.now() - startedAt > stableRunMs ? 1 : this.failures + 1;
    const wait = this.backoffMs[Math.min(this.failures, this.backoffMs.length) - 1];
    this.options.log.error(
      `${this.options.name} s’est arrêté (${how}) : redémarrage dans ${wait} ms`,
    );
    this.restartTimer = setTimeout(() => this.restart(), wait);
  }

  private restart() {
    if (this.stopping) return;
    const { name, log } = this.options;
    const { current, ready } = this.start();
    ready().then(
      () => {
        if (this.running(current) && !this.stopping) {
          this.readyChild = current;
          log.warn(`${name} redémarré, de nouveau disponible`);
        }
      },
      (error: unknown) => {
        if (this.running(current) && !this.stopping) {
          log.error(`${name} ne répond pas après redémarrage : ${String(error)}`);
        }
      },
    );
  }

  private probe(c: ChildProcess) {
    const liveness = this.options.liveness;
    if (!liveness || this.probing || c !== this.readyChild || !this.running(c) || this.stopping)
      return;
    this.probing = true;
    const stall = setTimeout(() => {
      if (!this.running(c) || this.stopping) return;
      this.options.log.error(`${this.options.name} ${liveness.stalled} : redémarrage`);
      c.kill('SIGKILL');
    }, liveness.deadlineMs);
    liveness
      .check()
      .catch(() => undefined)
      .finally(() => {
        clearTimeout(stall);
        this.probing = false;
      });
  }

  pid() {
    return this.child?.pid;
  }

  async stop() {
    this.stopping = true;
    clearTimeout(this.restartTimer);
    clearInterval(this.probeTimer);
    process.removeListener('exit', this.killOnExit);
    const child = this.child;
    if (!child || !this.running(child)) return;
    child.kill('SIGTERM');
    const force = setTimeout(() => child.kill('SIGKILL'), stopGraceMs);
    await this.exited;
    clearTimeout(force);
  }
}

/**
 * Keeps a server process running: starts it, waits until it is ready, and restarts it with the
 * same arguments (same port, same data) whenever it exits without being asked to, waiting a
 * little longer after each quick failure. Its stderr goes to the log, one warning per line.
 * `stop()` ends it for good.
 */
export async function supervise(
  options: SupervisorOptions,
): Promise<{ pid(): number | undefined; stop(): Promise<void> }> {
  const supervisor = new Supervisor(options);
  await supervisor.first();
  return { pid: () => supervisor.pid(), stop: () => supervisor.stop() };
}
