import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { rootDir } from '../../src/lib/paths';
import { testServerUri } from './db';

/** Runs a script of `src/cli` as `npm run` does, against the given test database. */
export function runCli(
  script: string,
  database: string,
  args: string[] = [],
  env: Record<string, string> = {},
) {
  return spawnSync(
    process.execPath,
    ['--import', 'tsx', path.join(rootDir, 'src', 'cli', `${script}.ts`), ...args],
    {
      cwd: rootDir,
      encoding: 'utf8',
      env: {
        ...process.env,
        MONGODB_URI: `${testServerUri().replace(/\/?$/, '/')}${database}`,
        LOG_LEVEL: 'silent',
        ...env,
      },
    },
  );
}
