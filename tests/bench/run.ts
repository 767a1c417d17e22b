// npm run bench — latency and throughput of the main pages on a real embedded database.
// Bounded: a fixed number of requests per endpoint, loopback only. Figures go in the issues' notes.
import type { AddressInfo } from 'node:net';
import mongoose from 'mongoose';
import { createApp } from '../../src/app';
import { loadConfig } from '../../src/config';
import { connectMongoose, startDatabase } from '../../src/lib/db';
import { createLogger } from '../../src/lib/logger';
import { seedDatabase } from '../../src/seeding/seed.service';

const requestsPerEndpoint = Number(process.env.BENCH_REQUESTS ?? 400);
const concurrency = Number(process.env.BENCH_CONCURRENCY ?? 8);

async function measure(
  label: string,
  url: string,
  init?: () => RequestInit,
  count = requestsPerEndpoint,
) {
  const durations: number[] = [];
  let next = 0;
  let failures = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < count) {
        next++;
        const t = performance.now();
        const res = await fetch(url, { redirect: 'manual', ...init?.() });
        await res.arrayBuffer();
        if (res.status >= 400) failures++;
        durations.push(performance.now() - t);
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  durations.sort((a, b) => a - b);
  const pct = (p: number) =>
    durations[Math.min(durations.length - 1, Math.floor(p * durations.length))].toFixed(1);
  console.log(
    `${label.padEnd(34)} ${String(durations.length).padStart(5)} req  ${(durations.length / seconds).toFixed(0).padStart(5)} req/s  p50 ${pct(0.5).padStart(6)} ms  p95 ${pct(0.95).padStart(6)} ms  errors ${failures}`,
  );
}

async function main() {
  const db = await startDatabase({
    embedded: (process.env.EMBEDDED_DB as 'auto') ?? 'auto',
    log: { info: () => undefined, warn: console.warn, error: console.error },
  });
  await connectMongoose(db.uri, 'bench');
  await mongoose.connection.db!.dropDatabase();
  await seedDatabase({ email: 'admin@exemple.fr', password: 'mot-de-passe-de-bench' });
  const config = loadConfig({
    NODE_ENV: 'production',
    SESSION_SECRET: 'b'.repeat(40),
    LOG_LEVEL: 'silent',
    DATA_DIR: '/tmp/bp-bench',
    TRUST_PROXY: 'true',
  });
  const server = createApp({ config, logger: createLogger('silent') }).listen(0, '127.0.0.1');
  await new Promise((r) => server.once('listening', r));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  // A draft to read and save.
  // Production cookies are Secure: present the requests as coming through an HTTPS proxy.
  const https = { 'x-forwarded-proto': 'https' };
  const intro = await fetch(`${base}/questionnaire`, { headers: https });
  const cookie = intro.headers.get('set-cookie')!.split(';')[0];
  const csrf = /name="_csrf" value="([^"]+)"/.exec(await intro.text())![1];
  const started = await fetch(`${base}/questionnaire/commencer`, {
    method: 'POST',
    redirect: 'manual',
    headers: { ...https, cookie, 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ _csrf: csrf }).toString(),
  });
  const resume = started.headers.get('location')!.split('?')[0];

  console.log(
    `Database: ${db.source}; ${requestsPerEndpoint} requests per endpoint, concurrency ${concurrency}, NODE_ENV=production`,
  );
  await measure('GET / (home)', `${base}/`);
  await measure('GET /recueil (30 practices)', `${base}/recueil`);
  await measure(
    'GET /rencontres/centre-val-de-loire…',
    `${base}/rencontres/centre-val-de-loire-2022`,
  );
  await measure('GET /questionnaire (first visit)', `${base}/questionnaire`, () => ({
    headers: https,
  }));
  await measure('GET /questionnaire (CSRF cookie)', `${base}/questionnaire`, () => ({
    headers: { ...https, cookie },
  }));
  await measure('GET section « territoire »', `${base}${resume}/territoire`, () => ({
    headers: { ...https, cookie },
  }));
  await measure(
    'POST section « repondant » (save)',
    `${base}${resume}/repondant`,
    () => ({
      method: 'POST',
      headers: { ...https, cookie, 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        _csrf: csrf,
        nomRepondant: 'Camille Martin',
        nomStructure: 'PLIE',
        typeStructure: 'plie',
        emailRepondant: 'c@exemple.fr',
        action: 'continuer',
      }).toString(),
    }),
    250,
  ); // below the per-IP limit of 300 saves per 15 minutes
  await measure('GET /verification (review)', `${base}${resume}/verification`, () => ({
    headers: { ...https, cookie },
  }));

  server.close();
  await mongoose.disconnect();
  await db.stop();
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
