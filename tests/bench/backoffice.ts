// npm run bench:backoffice [-- --quick] — the back office and every write at 10 connections, on a
// campaign at five times its real size (5,000 sheets, 5,000 sent responses, 20 meetings, 2,000
// registrations; --quick: a tenth), app compiled in its own process, embedded database: p99 of
// each back-office page (mark 200 ms) and of each write (mark 100 ms), 100 registrations sent at
// the same instant (mark 1 s, counts checked in the database), and every database command that
// held the lock longer than 50 ms meanwhile. Writes tests/bench/results/backoffice.md.
// `-- --commands`: every database command instead, grouped by case with its lock and hold time
// (results/backoffice-commands.md; the timings then include the logging of each command).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import mongoose from 'mongoose';
import { meetingsChanged } from '../../src/meetings/meeting.version';
import { MeetingModel } from '../../src/meetings/meeting.model';
import { ResponseModel } from '../../src/questionnaire/response.model';
import { SheetModel } from '../../src/sheets/sheet.model';
import { codeFor, createUser } from '../helpers/auth';
import { burstCounts, registrationBurst, resolveTargets, timeWrites } from './backoffice-writes';
import { populateCampaign } from './campaign';
import { rssMb, startApp } from './child';
import { judgeSlowCommands, slowCommandsTable, watchedDatabase } from './slow-commands';
import { timeRequests, WebClient, type Latency } from './web-client';

const quick = process.argv.includes('--quick');
// Every database command logged and grouped by case (timings then include the logging).
const everyCommand = process.argv.includes('--commands');
const scale = quick ? 10 : 1;
const size = {
  sheets: 5000 / scale,
  responses: 5000 / scale,
  meetings: 20,
  registrationsEach: 100 / scale,
  drafts: quick ? 50 : 200,
};
const requests = quick ? 50 : 200;
const connections = 10;
const burst = { people: 100, capacity: 60 };

/** An admin signed in through the real forms, second factor included. */
async function signIn(base: string): Promise<WebClient> {
  const user = await createUser({ role: 'admin', name: 'Administratrice du bench' });
  const client = new WebClient(base);
  const login = await client.post('/connexion', {
    _csrf: await client.csrf('/connexion'),
    email: user.email,
    password: user.password,
  });
  if (login.status !== 303) throw new Error(`login failed: ${login.status}`);
  const verified = await client.post('/connexion/verification', {
    _csrf: await client.csrf('/connexion/verification'),
    code: codeFor(user),
  });
  if (verified.status !== 303) throw new Error(`second factor failed: ${verified.status}`);
  return client;
}

/** The burst's meeting: one workshop of `capacity` places, registration open. */
async function burstMeeting(model: Record<string, unknown>) {
  const slug = 'rencontre-rafale';
  await MeetingModel.create({
    ...model,
    _id: undefined,
    slug,
    title: 'Rencontre de la rafale d’inscriptions',
    seats: { capacity: null, taken: 0, workshops: { A: { capacity: burst.capacity, taken: 0 } } },
  });
  await meetingsChanged();
  return slug;
}

/** The pages measured, their objects read from the database before the timing starts. */
async function pagesToTime(meeting: string): Promise<Array<[string, string]>> {
  const response = (await ResponseModel.findOne(
    { reference: 'BP-2099-00042' },
    { _id: 1 },
  ).lean())!;
  const sheet = (await SheetModel.findOne({ slug: 'bench-42' }, { _id: 1 }).lean())!;
  const pages: Array<[string, string]> = [
    ['inbox', '/moderation'],
    ['inbox, filtered and searched', '/moderation?region=84&statut=recue&q=chantier'],
    ['review of a response', `/moderation/reponses/${String(response._id)}`],
    ['sheets list', '/moderation/fiches'],
    ['sheet editor', `/moderation/fiches/${String(sheet._id)}`],
    ['sheet versions', `/moderation/fiches/${String(sheet._id)}/versions`],
    ['sheet preview', `/moderation/fiches/${String(sheet._id)}/apercu`],
    ['meetings list', '/moderation/rencontres'],
    ['meeting overview', `/moderation/rencontres/${meeting}`],
    ['meeting editor', `/moderation/rencontres/${meeting}/modifier`],
    ['attendees', `/moderation/rencontres/${meeting}/inscrits`],
    ['check-in search', `/moderation/rencontres/${meeting}/accueil?nom=Nom1`],
    ['meeting practices', `/moderation/rencontres/${meeting}/pratiques`],
    ['recueil', '/moderation/recueil'],
    ['taxonomy', '/moderation/taxonomie'],
    ['journal', '/moderation/journal'],
    ['users', '/moderation/utilisateurs'],
    ['figures', '/moderation/chiffres'],
  ];
  return pages;
}

async function timePages(
  admin: WebClient,
  pages: Array<[string, string]>,
  done: (label: string) => void,
): Promise<Latency[]> {
  const results: Latency[] = [];
  for (const [label, url] of pages) {
    results.push(await timeRequests(label, requests, connections, () => admin.get(url), 200));
    done(label);
  }
  return results;
}

/** With --commands: each case's commands, per request, as the lock proxy logged them. */
function commandsByCase(slow: string[]) {
  const sections: string[] = [];
  const done = (label: string) => {
    sections.push(`${label} (${requests} requests):`, '', ...slowCommandsTable(slow.splice(0)), '');
  };
  return { done: everyCommand ? done : () => undefined, sections };
}

const table = (rows: Latency[], mark: number) => [
  '| case | requests | p50 ms | p99 ms | max ms | errors | at the mark |',
  '| --- | ---: | ---: | ---: | ---: | ---: | :-: |',
  ...rows.map(
    (r) =>
      `| ${r.label} | ${r.count} | ${r.p50} | ${r.p99} | ${r.max} | ${r.errors} | ${r.p99 <= mark ? 'yes' : 'no'} |`,
  ),
];

async function main() {
  const { db, slow } = await watchedDatabase('bench-backoffice', everyCommand ? 0 : 50);
  const { meetings } = await populateCampaign(size);
  const rafale = await burstMeeting(meetings[0]);
  const app = await startApp(`${db.uri.replace(/\/?$/, '/')}bench-backoffice`, {
    TRUST_PROXY: 'true',
  });
  try {
    const admin = await signIn(app.url);
    const urls = await pagesToTime(meetings[2].slug);
    const targets = await resolveTargets(
      {
        meetings: meetings.map((m) => m.slug),
        draftSlugs: Array.from({ length: size.drafts }, (_, i) => `bench-${size.sheets - 1 - i}`),
        received: Array.from(
          { length: size.drafts },
          (_, i) => `BP-2099-${String(i + 1).padStart(5, '0')}`,
        ),
        registrationsEach: size.registrationsEach,
      },
      Math.min(requests, size.drafts),
    );
    slow.length = 0;
    const commands = commandsByCase(slow);
    console.log(`Back-office pages, ${connections} connections, ${requests} requests each:`);
    const pages = await timePages(admin, urls, commands.done);
    const rssAfterPages = rssMb(app.child);
    console.log('Writes, each on distinct objects:');
    const writes = await timeWrites(admin, targets, commands.done);
    const latency = await registrationBurst(app.url, rafale, burst.people);
    commands.done(`${burst.people} registrations at the same instant`);
    // The bench's own counts below are not the app's commands.
    const slowDuringRun = slow.length;
    const rush = { latency, ...(await burstCounts(rafale, burst.people, burst.capacity)) };
    const rss = rssMb(app.child);
    const lines = [
      `Back office at ${size.sheets} sheets, ${size.responses} sent responses, ${size.meetings} meetings, ${size.meetings * size.registrationsEach} registrations; ${connections} connections; NODE_ENV=production, ${os.cpus().length} CPUs, ${db.source}; app RSS after the pages ${rssAfterPages} MB, after the run ${rss} MB`,
      '',
      'Pages (mark: p99 ≤ 200 ms):',
      '',
      ...table(pages, 200),
      '',
      'Writes (mark: p99 ≤ 100 ms):',
      '',
      ...table(writes, 100),
      '',
      `${burst.people} registrations sent at the same instant for ${burst.capacity} places (mark: p99 ≤ 1 s): p50 ${rush.latency.p50} ms, p99 ${rush.latency.p99} ms, errors ${rush.latency.errors}; in the database ${rush.confirmed} confirmed, ${rush.waiting} waiting, the workshop's counter ${rush.taken}: ${rush.exact ? 'exact' : 'WRONG'}.`,
      '',
      `Commands that held the database lock longer than 50 ms during the run: ${slowDuringRun}`,
      '',
      ...slowCommandsTable(slow.slice(0, slowDuringRun)),
      '',
    ];
    if (everyCommand) {
      const file = path.join(__dirname, 'results', 'backoffice-commands.md');
      fs.writeFileSync(file, [`Every command, by case:`, '', ...commands.sections].join('\n'));
      console.log(`\nEvery command, by case: ${file}`);
      return;
    }
    fs.writeFileSync(
      path.join(__dirname, 'results', quick ? 'backoffice-quick.md' : 'backoffice.md'),
      lines.join('\n'),
    );
    console.log(`\n${lines.join('\n')}`);
    const errors = [...pages, ...writes, rush.latency].some((r) => r.errors > 0);
    if (errors || !rush.exact) process.exitCode = 1;
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
