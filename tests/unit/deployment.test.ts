import fs from 'node:fs';
import path from 'node:path';
import { rootDir } from '../../src/lib/paths';

const compose = fs.readFileSync(path.join(rootDir, 'docker-compose.yml'), 'utf8');
/** The environment block of the app service, as written in docker-compose.yml. */
const appEnvironment =
  /\n {2}app:\n[\s\S]*?\n {4}environment:\n((?: {6}.*\n)+)/.exec(compose)?.[1] ?? '';

describe('docker-compose deployment', () => {
  it('when the stack runs behind its TLS proxy, then the app trusts the proxy by default', () => {
    expect(appEnvironment).toMatch(/^ {6}TRUST_PROXY: \$\{TRUST_PROXY:-true\}$/m);
  });

  it('when the stack runs, then the app port is published on the host loopback only, for the proxy', () => {
    expect(compose).toMatch(/- '127\.0\.0\.1:3000:3000'/);
  });

  it('when the stack runs in production, then demo data and the dev outbox stay off', () => {
    expect(appEnvironment).not.toMatch(/SEED_ON_START: .*true/);
    expect(appEnvironment).not.toMatch(/DEV_OUTBOX/);
  });
});
