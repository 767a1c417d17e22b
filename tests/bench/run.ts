// npm run bench [-- --quick] — throughput and latency of the public pages, production mode, against
// two ceilings measured in the same run: a raw node:http server and a bare Express 5 app serving
// the same HTML bytes from memory, each in its own process like the app. Loopback only. Besides
// throughput, the CPU time each server's process spent per request: the load generator shares
// the CPUs, so that ratio moves less from one run to the next.
// Writes tests/bench/results/latest.json and latest.md, and prints the table.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { ChildProcess } from 'node:child_process';
import autocannon from 'autocannon';
import mongoose from 'mongoose';
import { connectMongoose, startDatabase } from '../../src/lib/db';
import { populateCampaign } from './campaign';
import { cpuMicros, rssMb, start, startApp } from './child';
import { uncachedSearches } from './searches';

const quick = process.argv.includes('--quick');
const sheets = quick ? 500 : 5000;
const seconds = quick ? 3 : 15;
const meetingCount = 20;
const registrationsEach = quick ? 10 : 100;
const connections = 50;
const resultsDir = path.join(__dirname, 'results');

interface Row {
  name: string;
  rps: number;
  p50_ms: number;
  p99_ms: number;
  errors: number;
  ratio_vs_raw: number;
  ratio_vs_express: number;
  /** The ceilings serving this page's bytes, measured just before it. */
  raw_rps: number;
  express_rps: number;
  /** The bare Express ceiling's p99 on the same machine: the floor of what 50 connections cost. */
  express_p99_ms: number;
  /** CPU time the app's process spent per request, and the bare Express ceiling's. */
  cpu_us: number;
  express_cpu_us: number;
  /** Bare Express's CPU per request over the app's: the ratio without the load generator's share. */
  cpu_ratio_vs_express: number;
}

async function measure(url: string, server: ChildProcess) {
  // One request first: the page is rendered and cached, then measured.
  await fetch(url).then((r) => r.arrayBuffer());
  const cpuBefore = cpuMicros(server);
  const result = await autocannon({ url, connections, duration: seconds });
  return {
    rps: Math.round(result.requests.average),
    p50_ms: result.latency.p50,
    p99_ms: result.latency.p99,
    errors: result.errors + result.timeouts + result.non2xx,
    cpu_us: Math.round((cpuMicros(server) - cpuBefore) / Math.max(1, result.requests.total)),
  };
}

async function main() {
  const db = await startDatabase({
    embedded: (process.env.EMBEDDED_DB as 'auto' | 'ferretdb' | 'mongodb') ?? 'auto',
    log: { info: () => undefined, warn: console.warn, error: console.error },
  });
  const dbName = 'bench';
  await connectMongoose(db.uri, dbName);
  const {
    sheets: generated,
    meetings,
    registrations,
  } = await populateCampaign({
    sheets,
    meetings: meetingCount,
    registrationsEach,
    responses: sheets,
  });
  await mongoose.disconnect();

  const app = await startApp(`${db.uri.replace(/\/?$/, '/')}${dbName}`);
  const logFile = app.logFile;
  const children = [app.child];
  try {
    const sample = generated[Math.floor(generated.length / 2)];
    const word = sample.title.split(' ')[0].toLowerCase();
    const cases: Array<[string, string]> = [
      ['GET / (home)', '/'],
      ['GET /recueil', '/recueil'],
      [
        `GET /recueil?q=${word}&region=${sample.region}`,
        `/recueil?q=${encodeURIComponent(word)}&region=${sample.region}`,
      ],
      ['GET /recueil/<slug>', `/recueil/${sample.slug}`],
      ['GET /chiffres-cles', '/chiffres-cles'],
      ['GET /api/v1/practices', '/api/v1/practices'],
      ['GET /rencontres', '/rencontres'],
      ['GET /rencontres/<slug>', `/rencontres/${meetings[3].slug}`],
      ['GET /rencontres/<slug>.ics', `/rencontres/${meetings[3].slug}.ics`],
      ['GET /rencontres/<slug>/inscription', `/rencontres/${meetings[3].slug}/inscription`],
      ['GET /questionnaire', '/questionnaire'],
    ];
    // The ceilings serve each page's bytes as the app sends them (no compression asked).
    const pagesDir = fs.mkdtempSync(path.join(os.tmpdir(), 'bp-bench-pages-'));
    for (const [i, [, url]] of cases.entries())
      fs.writeFileSync(
        path.join(pagesDir, String(i)),
        Buffer.from(await (await fetch(`${app.url}${url}`)).arrayBuffer()),
      );
    const raw = await start(['tests/bench/ceiling.ts', 'raw', pagesDir], {});
    const bare = await start(['tests/bench/ceiling.ts', 'express', pagesDir], {});
    children.push(raw.child, bare.child);

    console.log(
      `${sheets} published sheets, ${connections} connections, ${seconds} s per case, ${os.cpus().length} CPUs, database: ${db.source}`,
    );
    const rows: Row[] = [];
    for (const [i, [name, url]] of cases.entries()) {
      const rawRun = await measure(`${raw.url}/${i}`, raw.child);
      const expressRun = await measure(`${bare.url}/${i}`, bare.child);
      const appRun = await measure(`${app.url}${url}`, app.child);
      const ratio = (a: number, b: number) => Math.round((a / b) * 100) / 100;
      rows.push({
        name,
        ...appRun,
        ratio_vs_raw: ratio(appRun.rps, rawRun.rps),
        ratio_vs_express: ratio(appRun.rps, expressRun.rps),
        raw_rps: rawRun.rps,
        express_rps: expressRun.rps,
        express_p99_ms: expressRun.p99_ms,
        express_cpu_us: expressRun.cpu_us,
        cpu_ratio_vs_express: ratio(expressRun.cpu_us, appRun.cpu_us),
      });
      console.log(`  ${name}: ${appRun.rps} req/s (raw ${rawRun.rps}, Express ${expressRun.rps})`);
    }
    const misses = await uncachedSearches(
      app.url,
      generated.map((g) => g.title),
      [...new Set(generated.map((g) => g.region))],
      quick ? 50 : 200,
    );
    console.log(`  searches never asked before: p50 ${misses.p50_ms} ms, p99 ${misses.p99_ms} ms`);
    const rss = rssMb(app.child);
    // Access logs stay on (LOG_LEVEL=info): the lines the app wrote while measured.
    const logged = fs.readFileSync(logFile, 'utf8').split('\n').length - 1;
    const table = [
      `Bench: ${sheets} sheets, ${sheets} sent responses, ${meetingCount} meetings, ${registrations.length} registrations, ${connections} connections, ${seconds} s per case, NODE_ENV=production, ${os.cpus().length} CPUs, ${db.source}; app RSS after the run: ${rss} MB; app log: ${logged} lines (access logs on, written to a file)`,
      '',
      '| case | req/s | p50 ms | p99 ms | errors | raw node:http req/s | bare Express req/s | bare Express p99 ms | × raw | × Express | app CPU µs/req | bare Express CPU µs/req | × Express (CPU) |',
      '| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
      ...rows.map(
        (r) =>
          `| ${r.name} | ${r.rps} | ${r.p50_ms} | ${r.p99_ms} | ${r.errors} | ${r.raw_rps} | ${r.express_rps} | ${r.express_p99_ms} | ${r.ratio_vs_raw} | ${r.ratio_vs_express} | ${r.cpu_us} | ${r.express_cpu_us} | ${r.cpu_ratio_vs_express} |`,
      ),
      '',
      `Searches never asked before (${misses.count} distinct URLs, one at a time, each searched, counted and rendered): p50 ${misses.p50_ms} ms, p99 ${misses.p99_ms} ms, ${misses.errors} errors.`,
      '',
    ].join('\n');
    fs.mkdirSync(resultsDir, { recursive: true });
    fs.writeFileSync(path.join(resultsDir, 'latest.json'), `${JSON.stringify(rows, null, 2)}\n`);
    fs.writeFileSync(path.join(resultsDir, 'latest.md'), table);
    console.log(`\n${table}`);
    if (rows.some((r) => r.errors > 0) || misses.errors > 0) process.exitCode = 1;
  } finally {
    for (const child of children) child.kill('SIGTERM');
    await new Promise((r) => setTimeout(r, 500));
    await db.stop();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
