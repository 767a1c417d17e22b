import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';

const rootDir = path.join(__dirname, '..', '..');
const children: ChildProcess[] = [];
afterEach(() => {
  for (const child of children.splice(0)) child.kill();
});

/**
 * Runs a script with the production (buffered) logger in its own process and collects its
 * stdout; resolves when `until` matches what was read, or with everything once it exits.
 */
function run(script: string, until?: RegExp): Promise<string> {
  const code = `const { createLogger } = require('./src/lib/logger');
const logger = createLogger('info', undefined, { buffered: true });
${script}`;
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', '-e', code], { cwd: rootDir });
    children.push(child);
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      if (until?.test(out)) {
        child.kill();
        resolve(out);
      }
    });
    child.on('error', reject);
    child.on('close', () => resolve(out));
  });
}

describe('production logs (buffered stdout)', () => {
  it('when the process exits right after logging, then every line has been written', async () => {
    const out = await run(`for (let i = 0; i < 50; i++) logger.info({ i }, 'ligne');
process.exit(0);`);
    const lines = out
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { i: number });
    expect(lines.map((l) => l.i)).toEqual([...Array(50).keys()]);
  });

  it('when a quiet server logs one short line, then it is written without waiting for more', async () => {
    // The process stays up (a timer keeps it alive): only the periodic flush can write the line.
    const out = await run(
      `logger.info('une seule ligne');
setInterval(() => undefined, 60000);`,
      /une seule ligne/,
    );
    expect(out).toMatch(/"msg":"une seule ligne"/);
  });

  it('when a database error is logged, then its type, message and code are, but not the documents or values it names', async () => {
    const out = await run(
      `class MongoBulkWriteError extends Error {}
const err = new MongoBulkWriteError('E11000 duplicate key error collection: registrations dup key: { email: "camille@exemple.fr" }');
err.code = 11000;
err.keyValue = { email: 'camille@exemple.fr' };
err.writeErrors = [{ op: { contactEmail: 'camille@exemple.fr', tokenHash: 'a'.repeat(64) } }];
logger.error({ err }, 'échec');
process.exit(0);`,
    );
    const line = JSON.parse(out.trim()) as { err: Record<string, unknown> };
    expect(line.err.type).toBe('MongoBulkWriteError');
    expect(line.err.code).toBe(11000);
    expect(String(line.err.message)).toContain('E11000 duplicate key error');
    expect(out).not.toContain('camille@exemple.fr');
    expect(out).not.toContain('a'.repeat(64));
  });
});
