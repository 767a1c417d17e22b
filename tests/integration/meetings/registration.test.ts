import mongoose from 'mongoose';
import request from 'supertest';
import { MeetingModel } from '../../../src/meetings/meeting.model';
import { allMeetings, meetingsChanged } from '../../../src/meetings/meeting.version';
import { RegistrationModel } from '../../../src/meetings/registrations/registration.model';
import { buildTestApp, captureMailer } from '../../helpers/app';
import { clearDatabase, useTestDatabase } from '../../helpers/db';
import {
  countBy,
  createMeeting,
  registrationForm,
  submitRegistration,
} from '../../helpers/meetings';
import { csrfFrom } from '../../helpers/respondent';

useTestDatabase();
const mailer = captureMailer();
const { app } = buildTestApp({ BASE_URL: 'http://localhost:3000' }, { mailer });

beforeEach(async () => {
  await clearDatabase();
  mailer.sent.length = 0;
});

const submit = (slug: string, fields: Record<string, string>) =>
  submitRegistration(app, slug, fields);

/** The meeting's counters and the confirmed registrations counted one by one. */
async function counters(slug: string) {
  const meeting = await MeetingModel.findOne({ slug }).lean();
  const seats = meeting!.seats as unknown as {
    taken: number;
    workshops: Record<string, { taken: number }>;
  };
  const confirmed = await RegistrationModel.find({ meeting: slug, status: 'confirmee' }).lean();
  return {
    stored: {
      total: seats.taken,
      ...Object.fromEntries(Object.entries(seats.workshops).map(([c, w]) => [c, w.taken])),
    },
    counted: { total: confirmed.length, ...countBy(confirmed, (r) => r.workshop) } as Record<
      string,
      number
    >,
  };
}

/** Sends the registrations at the same time, over real HTTP, each from its own IP address. */
async function registerAtOnce(slug: string, forms: Array<Record<string, string>>) {
  const { app: proxied } = buildTestApp({ TRUST_PROXY: 'true' }, { mailer });
  const server = proxied.listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  try {
    const base = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
    const page = await request(base).get(`/rencontres/${slug}/inscription`);
    const cookie = page.headers['set-cookie'] as unknown as string[];
    const token = csrfFrom(page.text);
    return await Promise.all(
      forms.map((form, i) =>
        request(base)
          .post(`/rencontres/${slug}/inscription`)
          .set('Cookie', cookie)
          .set('X-Forwarded-For', `203.0.113.${i + 1}`)
          .type('form')
          .send({ _csrf: token, ...form }),
      ),
    );
  } finally {
    await new Promise((resolve) => server.close(resolve));
  }
}

describe('registration to a meeting', () => {
  it('when a person registers, then it is confirmed, the place is counted and the e-mail carries the summary, the .ics and the personal link', async () => {
    const slug = await createMeeting();
    const fields = registrationForm({ email: 'Camille@Exemple.fr' });
    const res = await submit(slug, fields);
    expect(res.status).toBe(303);
    expect(res.headers.location).toMatch(
      new RegExp(`^/rencontres/${slug}/inscription/[A-Za-z0-9_-]{43}\\?confirmation=1$`),
    );
    const page = await request(app).get(res.headers.location);
    expect(page.status).toBe(200);
    expect(page.text).toContain('Inscription confirmée');
    expect(page.text).toContain('camille@exemple.fr');

    const stored = await RegistrationModel.findOne({ meeting: slug }).lean();
    expect(stored).toMatchObject({ status: 'confirmee', workshop: 'A', lunch: true });
    expect(stored!.tokenHash).not.toContain(res.headers.location.split('/')[4]);
    const { stored: s, counted } = await counters(slug);
    expect(s).toEqual({ total: 1, A: 1, B: 0, C: 0 });
    expect(counted).toEqual({ total: 1, A: 1 });
    // The meeting page's remaining places: capacity minus the confirmed registrations counted.
    const meetingPage = await request(app).get(`/rencontres/${slug}`);
    const workshopA = meetingPage.text.split('Atelier A :')[1].split('Atelier B :')[0];
    expect(workshopA).toContain(`${2 - counted.A} place restante`);
    expect(meetingPage.text.match(/2 places restantes/g)).toHaveLength(2);

    const mail = mailer.sent.find((m) => m.to === 'camille@exemple.fr')!;
    expect(mail.subject).toContain('Inscription confirmée');
    expect(mail.text).toContain('Atelier : A) Atelier A');
    expect(mail.text).toContain(res.headers.location.split('?')[0]);
    const ics = mail.attachments![0];
    expect(ics.filename).toBe(`${slug}.ics`);
    expect(ics.content).toContain('BEGIN:VEVENT');
    expect(ics.content.replace(/\r\n /g, '')).toContain('Votre atelier : A) Atelier A');
  });

  it('when fields are missing or wrong, then 422 with every message in the summary and the values kept, nothing stored', async () => {
    const slug = await createMeeting();
    const res = await submit(slug, {
      nom: '',
      prenom: '',
      email: 'pas-une-adresse',
      telephone: 'abc',
      structure: '',
      typeStructure: 'inconnu',
      fonction: '',
      departement: '999',
      atelier: 'Z',
      dejeuner: 'peut-etre',
      accessibilite: 'x'.repeat(1001),
      consentementListe: 'non',
      siteWeb: '',
    });
    expect(res.status).toBe(422);
    for (const message of [
      'Saisissez votre nom',
      'Saisissez votre prénom',
      'Saisissez une adresse e-mail valide',
      'Saisissez un numéro de téléphone valide',
      'Saisissez le nom de votre structure',
      'Choisissez le type de votre structure',
      'Saisissez votre fonction',
      'Choisissez votre département',
      'Choisissez un atelier',
      'Indiquez si vous déjeunerez sur place',
      'Décrivez vos besoins en 1 000 caractères au plus',
      'Cochez la case pour que les organisateurs tiennent compte de vos besoins',
      'Cochez la case ou laissez-la vide',
    ]) {
      expect(res.text).toContain(message);
    }
    expect(res.text).toContain('Il y a 13 problèmes');
    expect(res.text).toContain('value="pas-une-adresse"');
    expect(res.text).toContain('value="abc"');
    expect(await RegistrationModel.countDocuments()).toBe(0);
  });

  it('when the same e-mail registers twice, then no second registration and a new personal link is e-mailed', async () => {
    const slug = await createMeeting();
    const first = await submit(slug, registrationForm({ email: 'deux@exemple.fr' }));
    expect(first.status).toBe(303);
    const again = await submit(slug, registrationForm({ email: 'DEUX@exemple.fr', atelier: 'B' }));
    expect(again.status).toBe(409);
    expect(again.text).toContain('Vous êtes déjà inscrit');
    expect(await RegistrationModel.countDocuments({ meeting: slug })).toBe(1);
    const last = mailer.sent.at(-1)!;
    expect(last.to).toBe('deux@exemple.fr');
    expect(last.text).toContain('aucune nouvelle inscription');
    const link = mailer.linkTo('deux@exemple.fr');
    expect((await request(app).get(link)).status).toBe(200);
    // The first link was replaced.
    expect((await request(app).get(first.headers.location.split('?')[0])).status).toBe(404);
  });

  it('when a person who cancelled registers again, then the same registration is taken up again with a new place', async () => {
    const slug = await createMeeting({ workshops: { A: 1, B: 1 } });
    const first = await submit(slug, registrationForm({ email: 'retour@exemple.fr' }));
    const personal = first.headers.location.split('?')[0];
    const agent = request.agent(app);
    const token = csrfFrom((await agent.get(personal)).text);
    await agent.post(`${personal}/annulation`).type('form').send({ _csrf: token });
    const again = await submit(
      slug,
      registrationForm({ email: 'retour@exemple.fr', atelier: 'B' }),
    );
    expect(again.status).toBe(303);
    const all = await RegistrationModel.find({ meeting: slug }).lean();
    expect(all.map((r) => `${r.email}:${r.status}:${r.workshop}`)).toEqual([
      'retour@exemple.fr:confirmee:B',
    ]);
    expect((await counters(slug)).stored).toEqual({ total: 1, A: 0, B: 1 });
    expect((await request(app).get(personal)).status).toBe(404);
  });

  it('when a meeting is deleted and made again under the same address, then a registration takes its place in the new one', async () => {
    const slug = await createMeeting({ slug: 'rencontre-refaite', workshops: { A: 5 } });
    await submit(slug, registrationForm({ email: 'avant@exemple.fr' }));
    await clearDatabase();
    await createMeeting({ slug, workshops: { A: 5 } });
    const res = await submit(slug, registrationForm({ email: 'apres@exemple.fr' }));
    expect(res.status).toBe(303);
    const { stored, counted } = await counters(slug);
    expect(stored).toEqual({ total: 1, A: 1 });
    expect(counted).toEqual({ total: 1, A: 1 });
    expect(mailer.sent.at(-1)!.to).toBe('apres@exemple.fr');
  });

  it('when the workshop is full, then the person is on its waitlist and the counters do not move', async () => {
    const slug = await createMeeting({ workshops: { A: 1, B: 5 } });
    await submit(slug, registrationForm());
    const form = await request(app).get(`/rencontres/${slug}/inscription`);
    expect(form.text).toContain('A) Atelier A – complet, liste d’attente');
    await MeetingModel.updateOne({ slug }, { $set: { 'seats.workshops.B.capacity': 0 } });
    await meetingsChanged();
    const full = await request(app).get(`/rencontres/${slug}`);
    expect(full.text).toContain('<strong>Complet</strong>');
    expect(full.text).toContain('S’inscrire sur liste d’attente');
    await MeetingModel.updateOne({ slug }, { $set: { 'seats.workshops.B.capacity': 5 } });
    await meetingsChanged();
    const res = await submit(slug, registrationForm());
    const page = await request(app).get(res.headers.location);
    expect(page.text).toContain('Vous êtes sur liste d’attente');
    expect(await RegistrationModel.countDocuments({ status: 'attente' })).toBe(1);
    const { stored, counted } = await counters(slug);
    expect(stored).toEqual({ total: 1, A: 1, B: 0 });
    expect(counted).toEqual({ total: 1, A: 1 });
  });

  it('when a confirmed person cancels, then the first waiting person of that workshop is confirmed and e-mailed', async () => {
    const slug = await createMeeting({ workshops: { A: 1, B: 5 } });
    const holder = await submit(slug, registrationForm({ email: 'titulaire@exemple.fr' }));
    await submit(slug, registrationForm({ email: 'premiere@exemple.fr' }));
    await submit(slug, registrationForm({ email: 'seconde@exemple.fr' }));
    const personal = holder.headers.location.split('?')[0];
    const agent = request.agent(app);
    const page = await agent.get(personal);
    const res = await agent
      .post(`${personal}/annulation`)
      .type('form')
      .send({ _csrf: csrfFrom(page.text) });
    // Back to the page (a refresh sends nothing again), which says it, without the calendar file.
    expect(res.status).toBe(303);
    expect(res.headers.location).toBe(`${personal}?fait=cancelled`);
    const after = await agent.get(res.headers.location);
    expect(after.text).toContain('Votre inscription est annulée');
    expect(after.text).not.toContain('.ics');
    const told = mailer.sent.find(
      (m) => m.to === 'titulaire@exemple.fr' && /annulée/.test(m.subject),
    )!;
    expect(told.subject).toBe(
      `Inscription annulée – ${(await MeetingModel.findOne({ slug }).lean())!.title}`,
    );
    expect(told.text).toContain(personal);
    const byEmail = Object.fromEntries(
      (await RegistrationModel.find({ meeting: slug }).lean()).map((r) => [r.email, r.status]),
    );
    expect(byEmail).toEqual({
      'titulaire@exemple.fr': 'annulee',
      'premiere@exemple.fr': 'confirmee',
      'seconde@exemple.fr': 'attente',
    });
    const promoted = mailer.sent.find(
      (m) => m.to === 'premiere@exemple.fr' && /libérée/.test(m.subject),
    )!;
    expect(promoted.to).toBe('premiere@exemple.fr');
    expect(promoted.subject).toContain('Une place s’est libérée');
    const { stored, counted } = await counters(slug);
    expect(stored).toEqual({ total: 1, A: 1, B: 0 });
    expect(counted).toEqual({ total: 1, A: 1 });
  });

  it('when 50 people register at the same time for the last 10 places of a workshop, then exactly 10 are confirmed and the counters equal the real count', async () => {
    const slug = await createMeeting({ capacity: 100, workshops: { A: 12, B: 50 } });
    // Two places of A are already taken: 10 are left.
    await submit(slug, registrationForm({ atelier: 'A' }));
    await submit(slug, registrationForm({ atelier: 'A' }));
    const responses = await registerAtOnce(
      slug,
      Array.from({ length: 50 }, () => registrationForm({ atelier: 'A' })),
    );
    expect(responses.map((r) => r.status)).toEqual(Array(50).fill(303));
    const statuses = countBy(
      await RegistrationModel.find({ meeting: slug }).lean(),
      (r) => r.status,
    );
    expect(statuses).toEqual({ confirmee: 12, attente: 40 });
    const { stored, counted } = await counters(slug);
    expect(stored).toEqual({ total: 12, A: 12, B: 0 });
    expect(counted).toEqual({ total: 12, A: 12 });
  });

  it('when one e-mail is sent six times at once beside four other people for three places, then one registration per e-mail, three confirmed, and no one waits while a place is free', async () => {
    const slug = await createMeeting({ capacity: 100, workshops: { A: 3 } });
    const same = registrationForm({ atelier: 'A', email: 'double@exemple.fr' });
    const forms = [
      ...Array.from({ length: 6 }, () => same),
      ...Array.from({ length: 4 }, () => registrationForm({ atelier: 'A' })),
    ];
    const responses = await registerAtOnce(slug, forms);
    const statuses = responses.map((r) => r.status);
    // One of the six is registered, the five others are told they already are.
    expect(statuses.slice(0, 6).sort()).toEqual([303, 409, 409, 409, 409, 409]);
    expect(statuses.slice(6)).toEqual([303, 303, 303, 303]);
    const stored = await RegistrationModel.find({ meeting: slug }).lean();
    expect(stored).toHaveLength(5);
    expect(stored.filter((r) => r.email === 'double@exemple.fr')).toHaveLength(1);
    expect(countBy(stored, (r) => r.status)).toEqual({ confirmee: 3, attente: 2 });
    const { stored: held, counted } = await counters(slug);
    expect(held).toEqual({ total: 3, A: 3 });
    expect(counted).toEqual({ total: 3, A: 3 });
  });

  it('when 20 people register at once for the last 5 places of the meeting across workshops, then exactly 5 are confirmed', async () => {
    const slug = await createMeeting({ capacity: 5, workshops: { A: 20, B: 20, C: 20 } });
    const codes = ['A', 'B', 'C'];
    const responses = await registerAtOnce(
      slug,
      Array.from({ length: 20 }, (_, i) => registrationForm({ atelier: codes[i % 3] })),
    );
    expect(responses.map((r) => r.status)).toEqual(Array(20).fill(303));
    const { stored, counted } = await counters(slug);
    expect(counted.total).toBe(5);
    expect(stored.total).toBe(5);
    expect(stored).toEqual({ total: 5, A: counted.A ?? 0, B: counted.B ?? 0, C: counted.C ?? 0 });
    expect(await RegistrationModel.countDocuments({ meeting: slug, status: 'attente' })).toBe(15);
  });

  it('when 20 people register at once and some cancel, then the meetings held in memory show the stored counters without every meeting being read again', async () => {
    const slug = await createMeeting({ workshops: { A: 6, B: 3 } });
    await allMeetings();
    const wholeReads = jest.spyOn(MeetingModel, 'find');
    // Any read of meetings by a filter without `_id` (the slug) decodes every meeting.
    const reads = jest.spyOn(mongoose.mongo.Collection.prototype, 'find');
    try {
      const responses = await registerAtOnce(
        slug,
        Array.from({ length: 20 }, (_, i) => registrationForm({ atelier: i % 2 ? 'A' : 'B' })),
      );
      expect(responses.map((r) => r.status)).toEqual(Array(20).fill(303));
      const confirmed = responses.find((r) => r.headers.location.includes('/inscription/'))!;
      const agent = request.agent(app);
      const token = csrfFrom((await agent.get(confirmed.headers.location)).text);
      await agent
        .post(`${confirmed.headers.location}/annulation`)
        .type('form')
        .send({ _csrf: token });
      const withoutId = reads.mock.calls.filter(
        ([filter], i) =>
          (reads.mock.contexts[i] as { collectionName: string }).collectionName === 'meetings' &&
          !(filter && '_id' in filter),
      );
      expect(withoutId).toEqual([]);
      const { stored, counted } = await counters(slug);
      expect(stored).toEqual({ total: 9, A: 6, B: 3 });
      expect(counted).toEqual({ total: 9, A: 6, B: 3 });
      const held = (await allMeetings()).get(slug)!.seats as unknown as {
        taken: number;
        workshops: Record<string, { taken: number }>;
      };
      expect([held.taken, held.workshops.A.taken, held.workshops.B.taken]).toEqual([9, 6, 3]);
      expect(wholeReads.mock.calls.filter(([filter]) => JSON.stringify(filter) === '{}')).toEqual(
        [],
      );
    } finally {
      wholeReads.mockRestore();
      reads.mockRestore();
    }
  });

  it('when the same e-mail is sent 10 times at once, then there is one registration and one place taken', async () => {
    const slug = await createMeeting({ workshops: { A: 5 } });
    const form = registrationForm({ email: 'double-clic@exemple.fr' });
    const responses = await registerAtOnce(slug, Array(10).fill(form));
    expect(responses.filter((r) => r.status === 303)).toHaveLength(1);
    expect(responses.filter((r) => r.status === 409)).toHaveLength(9);
    expect(await RegistrationModel.countDocuments({ meeting: slug })).toBe(1);
    expect((await counters(slug)).stored).toEqual({ total: 1, A: 1 });
  });

  it('when every confirmed person cancels at the same time, then as many waiting people are promoted and the counters equal the real count', async () => {
    const slug = await createMeeting({ workshops: { A: 4 } });
    const holders = [];
    for (let i = 0; i < 4; i += 1) holders.push(await submit(slug, registrationForm()));
    for (let i = 0; i < 6; i += 1) await submit(slug, registrationForm());
    const agent = request.agent(app);
    const token = csrfFrom((await agent.get(holders[0].headers.location)).text);
    const responses = await Promise.all(
      holders.map((h) =>
        agent
          .post(`${h.headers.location.split('?')[0]}/annulation`)
          .type('form')
          .send({ _csrf: token }),
      ),
    );
    expect(responses.map((r) => r.status)).toEqual([303, 303, 303, 303]);
    const statuses = countBy(
      await RegistrationModel.find({ meeting: slug }).lean(),
      (r) => r.status,
    );
    expect(statuses).toEqual({ annulee: 4, confirmee: 4, attente: 2 });
    const { stored, counted } = await counters(slug);
    expect(stored).toEqual({ total: 4, A: 4 });
    expect(counted).toEqual({ total: 4, A: 4 });
    expect(mailer.sent.filter((m) => m.subject.startsWith('Une place s’est libérée'))).toHaveLength(
      4,
    );
  });

  it('when registration is closed, then the form says so and a submission is refused', async () => {
    const slug = await createMeeting({ closesAt: new Date(Date.now() - 60_000) });
    const page = await request(app).get(`/rencontres/${slug}/inscription`);
    expect(page.text).toContain('Inscriptions closes');
    expect(page.text).not.toContain('name="_csrf"');
    const meeting = await request(app).get(`/rencontres/${slug}`);
    expect(meeting.text).toContain('Inscriptions closes');
    expect(meeting.text).not.toContain('S’inscrire');
    const agent = request.agent(app);
    const open = await createMeeting();
    const token = csrfFrom((await agent.get(`/rencontres/${open}/inscription`)).text);
    const res = await agent
      .post(`/rencontres/${slug}/inscription`)
      .type('form')
      .send({ _csrf: token, ...registrationForm() });
    expect(res.status).toBe(409);
    expect(await RegistrationModel.countDocuments({ meeting: slug })).toBe(0);
  });

  it('when one address sends more than 20 registrations in an hour, then the next one is refused with 429', async () => {
    const slug = await createMeeting();
    const agent = request.agent(app);
    const token = csrfFrom((await agent.get(`/rencontres/${slug}/inscription`)).text);
    const statuses: number[] = [];
    for (let i = 0; i < 21; i += 1) {
      const res = await agent
        .post(`/rencontres/${slug}/inscription`)
        .type('form')
        .send({ _csrf: token, ...registrationForm({ email: 'faux' }) });
      statuses.push(res.status);
    }
    expect(statuses).toEqual([...Array(20).fill(422), 429]);
  });

  it('when the honeypot is filled, then nothing is stored', async () => {
    const slug = await createMeeting();
    const res = await submit(slug, registrationForm({ siteWeb: 'http://spam.example' }));
    expect(res.status).toBe(400);
    expect(await RegistrationModel.countDocuments()).toBe(0);
  });

  it('when a person changes workshop, then the place moves and the old workshop’s first waiting person is confirmed', async () => {
    const slug = await createMeeting({ workshops: { A: 1, B: 1 } });
    const mover = await submit(
      slug,
      registrationForm({ email: 'mobile@exemple.fr', atelier: 'A' }),
    );
    await submit(slug, registrationForm({ email: 'attente@exemple.fr', atelier: 'A' }));
    const personal = mover.headers.location.split('?')[0];
    const agent = request.agent(app);
    const page = await agent.get(personal);
    const res = await agent
      .post(`${personal}/atelier`)
      .type('form')
      .send({ _csrf: csrfFrom(page.text), atelier: 'B' });
    expect(res.status).toBe(303);
    expect((await agent.get(res.headers.location)).text).toContain('Votre atelier a été changé');
    const changed = mailer.sent.find(
      (m) => m.to === 'mobile@exemple.fr' && /Atelier changé/.test(m.subject),
    )!;
    expect(changed.text).toContain('Atelier : B) Atelier B');
    expect(changed.attachments![0].content.replace(/\r\n /g, '')).toContain(
      'Votre atelier : B) Atelier B',
    );
    const byEmail = Object.fromEntries(
      (await RegistrationModel.find({ meeting: slug }).lean()).map((r) => [
        r.email,
        `${r.status}:${r.workshop}`,
      ]),
    );
    expect(byEmail).toEqual({
      'mobile@exemple.fr': 'confirmee:B',
      'attente@exemple.fr': 'confirmee:A',
    });
    const { stored, counted } = await counters(slug);
    expect(stored).toEqual({ total: 2, A: 1, B: 1 });
    expect(counted).toEqual({ total: 2, A: 1, B: 1 });
  });

  it('when a personal link is used, then it can only touch its own registration', async () => {
    const slug = await createMeeting();
    const mine = await submit(slug, registrationForm({ email: 'moi@exemple.fr' }));
    await submit(slug, registrationForm({ email: 'autre@exemple.fr' }));
    const other = await RegistrationModel.findOne({ email: 'autre@exemple.fr' }).lean();
    const personal = mine.headers.location.split('?')[0];
    const agent = request.agent(app);
    const page = await agent.get(personal);
    expect(page.text).not.toContain('autre@exemple.fr');
    await agent
      .post(`${personal}/annulation`)
      .type('form')
      .send({ _csrf: csrfFrom(page.text), id: String(other!._id), email: 'autre@exemple.fr' });
    expect((await RegistrationModel.findById(other!._id).lean())!.status).toBe('confirmee');
    expect((await RegistrationModel.findOne({ email: 'moi@exemple.fr' }).lean())!.status).toBe(
      'annulee',
    );
    // A made-up or other meeting's token opens nothing.
    const token = personal.split('/').pop()!;
    const otherMeeting = await createMeeting();
    expect(
      (await request(app).get(`/rencontres/${otherMeeting}/inscription/${token}`)).status,
    ).toBe(404);
    expect(
      (await request(app).get(`/rencontres/${slug}/inscription/${'x'.repeat(43)}`)).status,
    ).toBe(404);
  });
});
