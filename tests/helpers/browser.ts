import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { buildTestApp } from './app';
import { useTestDatabase } from './db';

/**
 * Shared set-up of the browser tests: Debian's Chromium driven by playwright-core, the real app
 * on a real listening server, and axe-core run inside the page.
 */

export const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** Headless Chromium, quiet (no network of its own, no updates, no sync). */
export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: chromiumPath,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

export interface RunningApp {
  baseUrl: string;
  dataDir: string;
  close(): Promise<void>;
}

/**
 * The real app (buildTestApp) listening on 127.0.0.1 with a free port, a fresh DATA_DIR (the dev
 * outbox writes there) and a BASE_URL matching that port, so links in pages and e-mails work.
 * The port is taken before the app is built: the server listens first, then the app is attached.
 */
export async function startApp(env: Record<string, string> = {}): Promise<RunningApp> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'bp-e2e-'));
  const server = http.createServer();
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const baseUrl = `http://127.0.0.1:${port}`;
  const { app } = buildTestApp({ DATA_DIR: dataDir, BASE_URL: baseUrl, ...env });
  server.on('request', app);
  return {
    baseUrl,
    dataDir,
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

// eslint-disable-next-line @typescript-eslint/no-require-imports
const axeSource: string = require('axe-core').source;

interface AxeNode {
  target: unknown[];
  failureSummary?: string;
}
interface AxeViolation {
  id: string;
  impact?: string;
  help: string;
  nodes: AxeNode[];
}

/**
 * Runs axe-core (WCAG 2.0/2.1 A and AA rules) on the current page and returns its violations, one
 * readable line per failing element: « rule-id (impact) – help → selector ». The page's CSP forbids
 * inline scripts, so axe is evaluated through the DevTools protocol rather than a <script> tag.
 */
export async function axeViolations(page: Page): Promise<string[]> {
  const hasAxe = await page.evaluate(() => 'axe' in window);
  if (!hasAxe) await page.evaluate(axeSource);
  const violations = await page.evaluate(async () => {
    const axe = (
      window as unknown as {
        axe: { run: (...args: unknown[]) => Promise<{ violations: AxeViolation[] }> };
      }
    ).axe;
    const result = await axe.run(document, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] },
      resultTypes: ['violations'],
    });
    return result.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      nodes: v.nodes.map((n) => ({ target: n.target, failureSummary: n.failureSummary })),
    }));
  });
  return violations.flatMap((v) =>
    v.nodes.map(
      (n) => `${v.id} (${v.impact ?? 'n/a'}) – ${v.help} → ${n.target.map(String).join(' ')}`,
    ),
  );
}

/** Asserts axe finds nothing; the failure message names the page, the rule and the element. */
export async function expectNoAxeViolations(page: Page, where: string): Promise<void> {
  const found = await axeViolations(page);
  expect({ page: where, violations: found }).toEqual({ page: where, violations: [] });
}

/**
 * The set-up every browser test file shares: its own database, the app on a real server and
 * Chromium, started once for the file (after `prepare`, e.g. seeding) and closed at the end.
 */
export function useBrowserApp(prepare?: () => Promise<void>): {
  browser: Browser;
  app: RunningApp;
} {
  useTestDatabase();
  const env = {} as { browser: Browser; app: RunningApp };
  beforeAll(async () => {
    await prepare?.();
    env.app = await startApp();
    env.browser = await launchBrowser();
  });
  afterAll(async () => {
    await env.browser?.close();
    await env.app?.close();
  });
  return env;
}
