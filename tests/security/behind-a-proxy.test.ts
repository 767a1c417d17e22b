import { productionEnv } from '../helpers/production';
import { spawn } from 'node:child_process';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import request from 'supertest';
import { createApp } from '../../src/app';
import { loadConfig } from '../../src/lib/config';
import { freePort } from '../../src/lib/db/embedded';
import { createLogger } from '../../src/lib/logger';
import { rootDir } from '../../src/lib/paths';
import { testServerUri, useTestDatabase } from '../helpers/db';
import { csrfFrom } from '../helpers/respondent';

// Deployed behind a TLS-terminating proxy: the app trusts its forwarded headers, so it must be
// reachable through that proxy only (a client reaching the port directly could rotate
// X-Forwarded-For past the rate limits), and a login over plain HTTP must say why it cannot work.

jest.setTimeout(60_000);
const { name } = useTestDatabase();
const production = { ...productionEnv, LOG_LEVEL: 'warn' };

/** An address of this machine other than the loopback, when it has one. */
const outsideAddress = Object.values(os.networkInterfaces())
  .flat()
  .find((i) => i && i.family === 'IPv4' && !i.internal)?.address;

const connects = (host: string, port: number) =>
  new Promise<boolean>((resolve) => {
    const socket = net.connect({ host, port, timeout: 2000 }, () => {
      socket.destroy();
      resolve(true);
    });
    socket.on('error', () => resolve(false));
    socket.on('timeout', () => {
      socket.destroy();
      resolve(false);
    });
  });

describe('the listening address', () => {
  it('when TRUST_PROXY is set, then the server listens on the loopback only, unless HOST widens it', () => {
    expect(loadConfig({ TRUST_PROXY: 'true' }).host).toBe('127.0.0.1');
    expect(loadConfig({ TRUST_PROXY: 'true', HOST: '0.0.0.0' }).host).toBe('0.0.0.0');
    expect(loadConfig({}).host).toBeUndefined();
    expect(() => loadConfig({ HOST: 'partout' })).toThrow(/HOST/);
  });

  it('when the real server starts behind a proxy, then it says where it listens and nothing outside the loopback reaches it', async () => {
    const port = await freePort();
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', path.join(rootDir, 'src', 'server.ts')],
      {
        cwd: rootDir,
        env: {
          ...process.env,
          ...production,
          TRUST_PROXY: 'true',
          PORT: String(port),
          MONGODB_URI: `${testServerUri().replace(/\/?$/, '/')}${name}`,
          SEED_ON_START: 'false',
        },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    try {
      for (let i = 0; i < 150 && !output.includes('interface 127.0.0.1'); i++) {
        await new Promise((r) => setTimeout(r, 200));
      }
      expect(output).toContain(`: http://localhost:${port} (interface 127.0.0.1)`);
      expect(await connects('127.0.0.1', port)).toBe(true);
      if (outsideAddress) expect(await connects(outsideAddress, port)).toBe(false);
    } finally {
      child.kill('SIGKILL');
    }
  });

  it('when the port is already taken, then the server says so in French and prints no address', async () => {
    const blocker = net.createServer().listen(0, '127.0.0.1');
    await new Promise((r) => blocker.once('listening', r));
    const port = (blocker.address() as net.AddressInfo).port;
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', path.join(rootDir, 'src', 'server.ts')],
      {
        cwd: rootDir,
        env: {
          ...process.env,
          NODE_ENV: 'test',
          HOST: '127.0.0.1',
          PORT: String(port),
          MONGODB_URI: `${testServerUri().replace(/\/?$/, '/')}${name}`,
          SEED_ON_START: 'false',
          LOG_LEVEL: 'silent',
        },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
    blocker.close();
    expect(code).toBe(1);
    expect(stderr).toContain(`le port ${port} est déjà utilisé`);
    expect(stdout).not.toContain('http://');
  });
});

describe('a login over plain HTTP in production', () => {
  function productionApp(env: Record<string, string> = {}) {
    const lines: string[] = [];
    const sink = new Writable({
      write(chunk: Buffer, _encoding, done) {
        lines.push(chunk.toString());
        done();
      },
    });
    const config = loadConfig({ ...production, ...env });
    return { app: createApp({ config, logger: createLogger('warn', sink) }), lines };
  }

  it('when the login page is opened without HTTPS, then it says why a login cannot work there, sets no cookie, and the log says it once', async () => {
    const { app, lines } = productionApp();
    for (const res of [
      await request(app).get('/connexion'),
      await request(app).post('/connexion').type('form').send({ email: 'a@b.fr', password: 'x' }),
      await request(app).get('/moderation'),
    ]) {
      expect(res.status).toBe(400);
      expect(res.text).toContain('accessible qu’en connexion sécurisée (HTTPS)');
      expect(res.text).toContain('TRUST_PROXY=true');
      expect(res.headers['set-cookie']).toBeUndefined();
    }
    expect(lines.filter((l) => l.includes('Connexion demandée en HTTP'))).toHaveLength(1);
  });

  it('when the proxy forwards HTTPS and the app trusts it, then the login form is served with its secure cookie', async () => {
    const { app } = productionApp({ TRUST_PROXY: 'true' });
    const page = await request(app).get('/connexion').set('X-Forwarded-Proto', 'https');
    expect(page.status).toBe(200);
    expect(csrfFrom(page.text)).toBeTruthy();
    expect(String(page.headers['set-cookie'])).toMatch(/Secure/);
  });
});
