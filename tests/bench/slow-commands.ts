// The lock proxy's slow-command lines grouped by command and target (collection and the field
// names of its filter): how many, and the longest hold.
import { connectMongoose, startDatabase } from '../../src/lib/db';

const held = (line: string) => {
  const m = /held=([\d.]+)(ms|s|µs)/.exec(line);
  if (!m) return 0;
  return Number(m[1]) * (m[2] === 's' ? 1000 : m[2] === 'µs' ? 0.001 : 1);
};

/** A Markdown table of the logged commands, most frequent first, with their lock and hold times. */
export function slowCommandsTable(lines: string[]): string[] {
  const groups = new Map<string, { count: number; max: number; total: number }>();
  for (const line of lines) {
    const command = /command=(\S+)/.exec(line)?.[1] ?? '?';
    const named = /target="([^"]*)"/.exec(line)?.[1];
    const target = named || (command === 'getMore' ? '(next batch of a cursor)' : '(no filter)');
    const lock = /lock=(\S+)/.exec(line)?.[1] ?? '?';
    const key = `${command} | ${target} | ${lock}`;
    const group = groups.get(key) ?? { count: 0, max: 0, total: 0 };
    group.count++;
    group.max = Math.max(group.max, held(line));
    group.total += held(line);
    groups.set(key, group);
  }
  if (groups.size === 0) return [];
  return [
    '| command | collection {filter fields} | lock | times | longest ms | total ms |',
    '| --- | --- | --- | ---: | ---: | ---: |',
    ...[...groups]
      .sort((a, b) => b[1].count - a[1].count)
      .map(([key, g]) => `| ${key} | ${g.count} | ${Math.round(g.max)} | ${Math.round(g.total)} |`),
  ];
}

/**
 * The embedded database for a bench, its lock proxy logging every command held longer than
 * `thresholdMs` (50; 0 logs every command) into `slow` (other warnings printed), and Mongoose
 * connected to `dbName`.
 */
export async function watchedDatabase(dbName: string, thresholdMs = 50) {
  const slow: string[] = [];
  const db = await startDatabase({
    embedded: 'ferretdb',
    slowLockMs: thresholdMs,
    log: {
      info: () => undefined,
      warn: (msg: string) =>
        msg.includes('held the database lock') ? slow.push(msg) : console.warn(msg),
      error: console.error,
    },
  });
  await connectMongoose(db.uri, dbName);
  return { db, slow };
}

/**
 * The mark: no command holds the lock longer than 50 ms. A full run (a quiet machine) fails on any,
 * each listed with its collection and filter fields; a quick run (CI, with other work on the same
 * CPUs) reports them only.
 */
export function judgeSlowCommands(slow: string[], quick: boolean): void {
  if (slow.length === 0 || quick) return;
  console.error(`${slow.length} commands held the database lock longer than 50 ms:`);
  for (const line of slow) console.error(`  ${/command=.*/.exec(line)?.[0] ?? line}`);
  process.exitCode = 1;
}
