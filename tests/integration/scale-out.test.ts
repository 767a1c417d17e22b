import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { freePort } from '../../src/lib/db/embedded';
import { rootDir } from '../../src/lib/paths';
import { bumpContentVersion } from '../../src/lib/content-version';
import { SheetModel } from '../../src/sheets/sheet.model';
import { ResponseModel } from '../../src/questionnaire/response.model';
import { seedTaxonomy, taxonomyKinds, vocabularyChanged } from '../../src/reference/taxonomy';
import { TermModel } from '../../src/reference/term.model';
import { UserModel } from '../../src/accounts/user.model';
import { createUser } from '../helpers/auth';
import { testServerUri, useTestDatabase } from '../helpers/db';
import { practiceSheet } from '../helpers/practices';
import { csrfFrom } from '../helpers/respondent';
import { insertResponse } from '../helpers/responses';
import { createMeeting, registrationForm } from '../helpers/meetings';

const { name } = useTestDatabase();
jest.setTimeout(60_000);

/** A real server process (src/server.ts) on the shared test database. */
async function startServer(): Promise<{ url: string; child: ChildProcess }> {
  const port = await freePort();
  const uri = `${testServerUri().replace(/\/?$/, '/')}${name}`;
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', path.join(rootDir, 'src', 'server.ts')],
    {
      cwd: rootDir,
      env: {
        ...process.env,
        NODE_ENV: 'test',
        PORT: String(port),
        MONGODB_URI: uri,
        SEED_ON_START: 'false',
        LOG_LEVEL: 'silent',
        SESSION_SECRET: 'secret-partage-entre-les-processus-de-test',
      },
      stdio: 'ignore',
    },
  );
  const url = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 150; i++) {
    const ok = await fetch(`${url}/readyz`).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) return { url, child };
    await new Promise((r) => setTimeout(r, 200));
  }
  child.kill('SIGKILL');
  throw new Error('server did not become ready');
}

const cookiesOf = (res: Response) => res.headers.getSetCookie().map((c) => c.split(';')[0]);

/** Signs a new moderator in on one process; the cookies work on every process (shared store). */
async function signIn(url: string): Promise<{ cookie: string; id: string }> {
  const user = await createUser({ role: 'moderator' });
  const form = await fetch(`${url}/connexion`);
  const csrfCookie = cookiesOf(form);
  const login = await fetch(`${url}/connexion`, {
    method: 'POST',
    redirect: 'manual',
    headers: { cookie: csrfCookie.join('; '), 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({
      _csrf: csrfFrom(await form.text()),
      email: user.email,
      password: user.password,
    }).toString(),
  });
  expect(login.status).toBe(303);
  return { cookie: [...csrfCookie, ...cookiesOf(login)].join('; '), id: user.id };
}

describe('two app processes on one database', () => {
  let a: { url: string; child: ChildProcess };
  let b: { url: string; child: ChildProcess };
  beforeAll(async () => {
    [a, b] = await Promise.all([startServer(), startServer()]);
  });
  afterAll(() => {
    a?.child.kill('SIGTERM');
    b?.child.kill('SIGTERM');
  });

  it('when a form is shown by one process and posted to the other, then the session and draft are shared', async () => {
    const intro = await fetch(`${a.url}/questionnaire`);
    const cookie = intro.headers.get('set-cookie')!.split(';')[0];
    const csrf = /name="_csrf" value="([^"]+)"/.exec(await intro.text())![1];

    const started = await fetch(`${b.url}/questionnaire/commencer`, {
      method: 'POST',
      redirect: 'manual',
      headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ _csrf: csrf }).toString(),
    });
    expect(started.status).toBe(303);
    const resume = started.headers.get('location')!.split('?')[0];

    const onA = await fetch(`${a.url}${resume}`);
    expect(onA.status).toBe(200);
    expect(await onA.text()).toContain('Votre réponse au questionnaire');
    expect(await ResponseModel.countDocuments()).toBe(1);
  });

  it('when a process receives SIGTERM, then it stops cleanly with exit code 0', async () => {
    const c = await startServer();
    const exited = new Promise<number | null>((resolve) => c.child.once('exit', resolve));
    c.child.kill('SIGTERM');
    expect(await exited).toBe(0);
  });

  it('when a sheet is published in the database, then both processes show it within 5 seconds', async () => {
    await SheetModel.collection.insertOne(
      practiceSheet('publiee-ailleurs', {
        status: 'brouillon',
        title: 'Publiée par un autre processus',
      }),
    );
    // Both processes have rendered and cached the pages before the publication.
    for (const server of [a, b]) {
      expect((await fetch(`${server.url}/recueil/publiee-ailleurs`)).status).toBe(404);
      expect(await (await fetch(`${server.url}/recueil`)).text()).not.toContain('publiee-ailleurs');
    }
    await SheetModel.updateOne({ slug: 'publiee-ailleurs' }, { status: 'publiee' });
    await bumpContentVersion();
    const deadline = Date.now() + 5000;
    const seen = { a: false, b: false };
    while (Date.now() < deadline && !(seen.a && seen.b)) {
      for (const [key, server] of Object.entries({ a, b }) as Array<['a' | 'b', typeof a]>) {
        const page = await fetch(`${server.url}/recueil/publiee-ailleurs`);
        const list = await (await fetch(`${server.url}/recueil`)).text();
        seen[key] ||= page.status === 200 && list.includes('href="/recueil/publiee-ailleurs"');
      }
      await new Promise((r) => setTimeout(r, 100));
    }
    expect(seen).toEqual({ a: true, b: true });
  });

  it('when an admin of another process renames a term, then both processes show the new label within 5 seconds', async () => {
    await SheetModel.collection.insertOne(practiceSheet('renommee-ailleurs'));
    const tax = seedTaxonomy();
    await TermModel.insertMany(
      taxonomyKinds.flatMap((kind) => tax[kind].map((t, position) => ({ ...t, kind, position }))),
    );
    await vocabularyChanged();
    const label = 'Plan local renommé dans un autre processus';
    for (const server of [a, b]) {
      expect(await (await fetch(`${server.url}/recueil/renommee-ailleurs`)).text()).not.toContain(
        label,
      );
    }
    await TermModel.updateOne({ kind: 'actorTypes', code: 'plie' }, { $set: { label } });
    // What the other process's rename does after its write.
    await vocabularyChanged();
    const deadline = Date.now() + 5000;
    const seen = { a: false, b: false };
    while (Date.now() < deadline && !(seen.a && seen.b)) {
      for (const [key, server] of Object.entries({ a, b }) as Array<['a' | 'b', typeof a]>) {
        const page = await (await fetch(`${server.url}/recueil/renommee-ailleurs`)).text();
        seen[key] ||= page.includes(label);
      }
      await new Promise((r) => setTimeout(r, 100));
    }
    expect(seen).toEqual({ a: true, b: true });
  });

  it('when a moderator changes a status through one process, then the inbox of the other shows it within 5 seconds', async () => {
    const { id, reference } = await insertResponse({ status: 'recue' });
    const { cookie } = await signIn(a.url);
    const inbox = (server: { url: string }) =>
      fetch(`${server.url}/moderation?q=${reference}`, { headers: { cookie } }).then((r) =>
        r.text(),
      );
    const tab = (label: string) => new RegExp(`${label} <span class="status-tabs__count">\\(1\\)`);
    // Both processes hold the rows before the change.
    for (const server of [a, b]) expect(await inbox(server)).toMatch(tab('Reçue'));
    const review = await fetch(`${a.url}/moderation/reponses/${id}`, { headers: { cookie } });
    const changed = await fetch(`${a.url}/moderation/reponses/${id}/statut`, {
      method: 'POST',
      redirect: 'manual',
      headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        _csrf: csrfFrom(await review.text()),
        depuis: 'recue',
        statut: 'en-examen',
        motif: '',
      }).toString(),
    });
    expect(changed.status).toBe(303);
    // The process that made the change shows it at once.
    expect(await inbox(a)).toMatch(tab('En examen'));
    let seen = '';
    const deadline = Date.now() + 5000;
    while (Date.now() < deadline && !tab('En examen').test(seen)) {
      seen = await inbox(b);
      await new Promise((r) => setTimeout(r, 100));
    }
    expect(seen).toMatch(tab('En examen'));
  });

  it('when someone registers through one process, then the meeting page of both shows one place fewer within 5 seconds', async () => {
    const slug = await createMeeting({ workshops: { A: 3 } });
    const placesOn = async (server: { url: string }) => {
      const page = await (await fetch(`${server.url}/rencontres/${slug}`)).text();
      return /(\d+) places? restantes?/.exec(page)?.[1];
    };
    // Both processes have rendered and cached the page before the registration.
    for (const server of [a, b]) expect(await placesOn(server)).toBe('3');
    const form = await fetch(`${a.url}/rencontres/${slug}/inscription`);
    const registered = await fetch(`${a.url}/rencontres/${slug}/inscription`, {
      method: 'POST',
      redirect: 'manual',
      headers: {
        cookie: cookiesOf(form).join('; '),
        'content-type': 'application/x-www-form-urlencoded',
      },
      body: new URLSearchParams({
        _csrf: csrfFrom(await form.text()),
        ...registrationForm({ atelier: 'A' }),
      }).toString(),
    });
    expect(registered.status).toBe(303);
    expect(await placesOn(a)).toBe('2');
    let seen: string | undefined;
    const deadline = Date.now() + 5000;
    while (Date.now() < deadline && seen !== '2') {
      seen = await placesOn(b);
      await new Promise((r) => setTimeout(r, 100));
    }
    expect(seen).toBe('2');
  });

  it('when an account is disabled by another process, then both processes refuse its session within 5 seconds', async () => {
    const { cookie, id } = await signIn(a.url);
    const inbox = (server: { url: string }) =>
      fetch(`${server.url}/moderation`, { headers: { cookie }, redirect: 'manual' });
    // Both processes hold the account before it is disabled.
    for (const server of [a, b]) expect((await inbox(server)).status).toBe(200);
    // As the other process's admin does: through the model, whose hooks move the version.
    await UserModel.updateOne({ _id: id }, { $set: { active: false } });
    const refused = { a: false, b: false };
    const deadline = Date.now() + 5000;
    while (Date.now() < deadline && !(refused.a && refused.b)) {
      for (const [key, server] of Object.entries({ a, b }) as Array<['a' | 'b', typeof a]>) {
        const res = await inbox(server);
        refused[key] ||=
          res.status === 302 && res.headers.get('location')!.startsWith('/connexion');
      }
      await new Promise((r) => setTimeout(r, 100));
    }
    expect(refused).toEqual({ a: true, b: true });
  });
});
