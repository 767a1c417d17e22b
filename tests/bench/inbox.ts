// npm run bench:inbox — the responses inbox with 5,000 generated responses on the embedded
// database: p50/p95/p99 of the inbox filtered by région + status + text at 10 connections, and
// the app's RSS growth while the CSV export of all 5,000 is streamed. The app runs compiled in its
// own process, as in production. Figures go in the issues' notes.
import type { ChildProcess } from 'node:child_process';
import mongoose from 'mongoose';
import { connectMongoose, startDatabase } from '../../src/lib/db';
import { InboxRowModel } from '../../src/moderation/inbox-row.model';
import { changeStatus } from '../../src/moderation/status.service';
import { ResponseModel } from '../../src/questionnaire/response.model';
import { seedDatabase } from '../../src/seeding/seed.service';
import { UserModel } from '../../src/accounts/user.model';
import { upsertUser } from '../../src/accounts/user.service';
import { rssBytes, startApp } from './child';
import { insertResponses } from './generate-responses';

const responses = Number(process.env.BENCH_RESPONSES ?? 5000);
const requests = Number(process.env.BENCH_REQUESTS ?? 200);
const connections = Number(process.env.BENCH_CONCURRENCY ?? 10);
async function measure(label: string, url: string, headers: Record<string, string>) {
  const durations: number[] = [];
  let next = 0;
  let failures = 0;
  await Promise.all(
    Array.from({ length: connections }, async () => {
      while (next < requests) {
        next++;
        const t = performance.now();
        const res = await fetch(url, { redirect: 'manual', headers });
        await res.arrayBuffer();
        if (res.status !== 200) failures++;
        durations.push(performance.now() - t);
      }
    }),
  );
  durations.sort((a, b) => a - b);
  const pct = (p: number) =>
    durations[Math.min(durations.length - 1, Math.floor(p * durations.length))].toFixed(1);
  console.log(
    `${label}: ${durations.length} req, ${connections} connections — p50 ${pct(0.5)} ms, p95 ${pct(0.95)} ms, p99 ${pct(0.99)} ms, errors ${failures}`,
  );
}

/** Downloads the export without keeping it, sampling the app's RSS every 20 ms. */
async function exportMemory(url: string, headers: Record<string, string>, app: ChildProcess) {
  const before = rssBytes(app);
  let peak = before;
  const timer = setInterval(() => {
    peak = Math.max(peak, rssBytes(app));
  }, 20);
  const t = performance.now();
  const res = await fetch(url, { headers });
  let bytes = 0;
  let lines = 0;
  for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) {
    bytes += chunk.length;
    for (const b of chunk) if (b === 10) lines++;
  }
  clearInterval(timer);
  const mb = (n: number) => (n / 1024 / 1024).toFixed(1);
  console.log(
    `CSV export: ${lines - 1} responses, ${mb(bytes)} MB in ${((performance.now() - t) / 1000).toFixed(1)} s — RSS ${mb(before)} → peak ${mb(peak)} MB (growth ${mb(peak - before)} MB)`,
  );
}

async function main() {
  const db = await startDatabase({
    embedded: (process.env.EMBEDDED_DB as 'auto') ?? 'auto',
    log: { info: () => undefined, warn: console.warn, error: console.error },
  });
  await connectMongoose(db.uri, 'bench-inbox');
  await mongoose.connection.db!.dropDatabase();
  await seedDatabase({ email: 'admin@exemple.fr', password: 'mot-de-passe-de-bench' });
  await ResponseModel.deleteMany({});
  await ResponseModel.init();
  let t = performance.now();
  await insertResponses(responses);
  console.log(
    `Database: ${db.source}; ${responses} responses inserted in ${((performance.now() - t) / 1000).toFixed(1)} s`,
  );
  const email = 'moderatrice@exemple.fr';
  const password = 'mot-de-passe-de-bench';
  await upsertUser(email, password, 'moderator');

  // The app in its own process, as in production: its start-up writes the inbox rows (backfill).
  t = performance.now();
  const app = await startApp(`${db.uri.replace(/\/?$/, '/')}bench-inbox`, {
    LOG_LEVEL: 'silent',
    TRUST_PROXY: 'true',
  });
  console.log(
    `App ready in ${((performance.now() - t) / 1000).toFixed(1)} s (start-up backfill of ${await InboxRowModel.countDocuments()} inbox rows)`,
  );
  const base = app.url;

  // A national moderator signs in through the real form (production cookies: HTTPS proxy).
  const https = { 'x-forwarded-proto': 'https' };
  const form = await fetch(`${base}/connexion`, { headers: https });
  const csrfCookie = form.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ');
  const csrf = /name="_csrf" value="([^"]+)"/.exec(await form.text())![1];
  const login = await fetch(`${base}/connexion`, {
    method: 'POST',
    redirect: 'manual',
    headers: { ...https, cookie: csrfCookie, 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ _csrf: csrf, email, password }).toString(),
  });
  if (login.status !== 303) throw new Error(`login failed: ${login.status}`);
  const cookie = login.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ');
  const headers = { ...https, cookie };

  t = performance.now();
  const check = await fetch(`${base}/moderation?region=84&statut=recue&q=chantier`, { headers });
  const html = await check.text();
  console.log(
    `Inbox check: ${check.status}, ${/(\d[\d\s ]*) réponses?<\/h2>/.exec(html)?.[1] ?? '?'} matching responses (first request ${(performance.now() - t).toFixed(0)} ms)`,
  );
  await exportMemory(`${base}/moderation/export.csv`, headers, app.child);
  await measure(
    'Inbox ?region=84&statut=recue&q=chantier',
    `${base}/moderation?region=84&statut=recue&q=chantier`,
    headers,
  );
  // One status change (a conditional update, then the row's sync), for the record.
  const moderator = (await UserModel.findOne({ email }).lean())!;
  const target = (await ResponseModel.findOne({ reference: 'BP-2099-00001' }, { _id: 1 }).lean())!;
  t = performance.now();
  await changeStatus(
    String(target._id),
    { from: 'recue', to: 'en-examen', reason: '' },
    { id: String(moderator._id), email },
  );
  console.log(`One status change: ${(performance.now() - t).toFixed(0)} ms`);

  app.child.kill('SIGTERM');
  await mongoose.disconnect();
  await db.stop();
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
