// npm run bench:respondents [-- --quick] — 200 respondents (--quick: 20), each in their own
// session and from their own address, start the questionnaire within about 60 s, fill every page
// (one attachment on the last one) and send it, on a database already holding a campaign five
// times real size (--quick: a tenth). Reports the p50/p99 of the steps without a file (mark: p99
// ≤ 300 ms) and of the uploads, errors, and checks in the database that every response was stored
// once with its file. Writes tests/bench/results/respondents.md.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import mongoose from 'mongoose';
import { ResponseModel } from '../../src/questionnaire/response.model';
import { samplePdf } from '../helpers/files';
import { validAnswers } from '../helpers/respondent';
import { populateCampaign } from './campaign';
import { rssMb, startApp } from './child';
import { judgeSlowCommands, slowCommandsTable, watchedDatabase } from './slow-commands';
import { WebClient } from './web-client';

const quick = process.argv.includes('--quick');
const people = quick ? 20 : 200;
const spreadMs = quick ? 6_000 : 60_000;
const scale = quick ? 10 : 1;

interface Step {
  upload: boolean;
  ms: number;
  ok: boolean;
}

const formToken = (html: string) => /name="_csrf" value="([^"]+)"/.exec(html)?.[1] ?? '';

/** One respondent's whole journey; every request timed. */
async function journey(base: string, i: number, steps: Step[]) {
  const client = new WebClient(base, {
    'x-forwarded-proto': 'https',
    'x-forwarded-for': `10.9.${i >> 8}.${i & 255}`,
  });
  const timed = async (upload: boolean, expected: number[], send: () => Promise<Response>) => {
    const started = performance.now();
    const res = await send();
    const body = await res.text();
    steps.push({ upload, ms: performance.now() - started, ok: expected.includes(res.status) });
    return { res, body };
  };
  const intro = await timed(false, [200], () => client.get('/questionnaire'));
  const started = await timed(false, [303], () =>
    client.post('/questionnaire/commencer', {
      _csrf: formToken(intro.body),
      email: `repondant-${i}@exemple.fr`,
    }),
  );
  const link = /\/questionnaire\/reprendre\/[\w-]+/.exec(
    started.res.headers.get('location') ?? '',
  )?.[0];
  if (!link) throw new Error(`respondent ${i} could not start: ${started.res.status}`);
  for (const [slug, fields] of Object.entries(validAnswers)) {
    const page = await timed(false, [200], () => client.get(`${link}/${slug}`));
    if (slug === 'documents-consentement') {
      const action = /action="([^"]+)"[^>]*enctype="multipart\/form-data"/
        .exec(page.body)?.[1]
        ?.replace(/&amp;/g, '&');
      const form = new FormData();
      form.append('_csrf', formToken(page.body));
      for (const [name, value] of Object.entries(fields))
        for (const v of Array.isArray(value) ? value : [value]) form.append(name, v);
      form.append('action', 'televerser');
      form.append('fichiers', new Blob([samplePdf], { type: 'application/pdf' }), 'bilan.pdf');
      await timed(true, [303], () => client.postMultipart(action ?? '', form));
      await client.get(`${link}/${slug}`).then((r) => r.arrayBuffer());
    }
    await timed(false, [303], () =>
      client.post(`${link}/${slug}`, {
        _csrf: formToken(page.body),
        ...fields,
        action: 'continuer',
      }),
    );
  }
  const review = await timed(false, [200], () => client.get(`${link}/verification`));
  await timed(false, [303], () =>
    client.post(`${link}/envoyer`, { _csrf: formToken(review.body) }),
  );
}

const percentile = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return Math.round(sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] ?? 0);
};

async function main() {
  const { db, slow } = await watchedDatabase('bench-respondents');
  await populateCampaign({
    sheets: 5000 / scale,
    responses: 5000 / scale,
    meetings: 20,
    registrationsEach: 100 / scale,
  });
  const app = await startApp(`${db.uri.replace(/\/?$/, '/')}bench-respondents`, {
    TRUST_PROXY: 'true',
  });
  try {
    slow.length = 0;
    const steps: Step[] = [];
    const failures: string[] = [];
    const started = performance.now();
    await Promise.all(
      Array.from({ length: people }, async (_, i) => {
        await new Promise((r) => setTimeout(r, (i * spreadMs) / people));
        await journey(app.url, i, steps).catch((e: unknown) => failures.push(String(e)));
      }),
    );
    const seconds = ((performance.now() - started) / 1000).toFixed(0);
    const slowDuringRun = slow.length;
    const sent = await ResponseModel.find(
      { contactEmail: /^repondant-\d+@exemple\.fr$/, status: 'envoyee' },
      { attachments: 1, contactEmail: 1 },
    ).lean();
    const stored = new Set(sent.map((r) => r.contactEmail)).size;
    const withFile = sent.filter((r) => r.attachments.length === 1).length;
    const plain = steps.filter((s) => !s.upload).map((s) => s.ms);
    const uploads = steps.filter((s) => s.upload).map((s) => s.ms);
    const errors = steps.filter((s) => !s.ok).length + failures.length;
    const exact = sent.length === people && stored === people && withFile === people;
    const lines = [
      `${people} respondents started within ${spreadMs / 1000} s and sent in ${seconds} s, on a database holding ${5000 / scale} sheets and ${5000 / scale} sent responses; NODE_ENV=production, ${os.cpus().length} CPUs, ${db.source}; app RSS after the run: ${rssMb(app.child)} MB`,
      '',
      '| requests | count | p50 ms | p99 ms | max ms |',
      '| --- | ---: | ---: | ---: | ---: |',
      `| pages and saves without a file (mark: p99 ≤ 300 ms) | ${plain.length} | ${percentile(plain, 0.5)} | ${percentile(plain, 0.99)} | ${percentile(plain, 1)} |`,
      `| uploads (one PDF each) | ${uploads.length} | ${percentile(uploads, 0.5)} | ${percentile(uploads, 0.99)} | ${percentile(uploads, 1)} |`,
      '',
      `Errors: ${errors}${failures.length ? ` (${failures.slice(0, 3).join('; ')})` : ''}. In the database: ${sent.length} sent responses from these respondents, ${stored} distinct, ${withFile} with their file: ${exact ? 'exact' : 'WRONG'}.`,
      '',
      `Commands that held the database lock longer than 50 ms during the run: ${slowDuringRun}`,
      '',
      ...slowCommandsTable(slow.slice(0, slowDuringRun)),
      '',
    ];
    fs.writeFileSync(
      path.join(__dirname, 'results', quick ? 'respondents-quick.md' : 'respondents.md'),
      lines.join('\n'),
    );
    console.log(lines.join('\n'));
    if (errors > 0 || !exact) process.exitCode = 1;
    judgeSlowCommands(slow.slice(0, slowDuringRun), quick);
  } finally {
    app.child.kill('SIGTERM');
    await mongoose.disconnect();
    await db.stop();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
