// The writes of the back-office bench, each sent by 10 connections to distinct objects, as the
// people who make them do: moderators on responses, sheets and meetings, visitors registering or
// changing their registration through their personal link (each from its own address).
import { MeetingModel } from '../../src/meetings/meeting.model';
import { RegistrationModel } from '../../src/meetings/registrations/registration.model';
import { ResponseModel } from '../../src/questionnaire/response.model';
import { formOf } from '../../src/sheets/sheet.form';
import { SheetModel } from '../../src/sheets/sheet.model';
import { registrationForm } from '../helpers/meetings';
import { registrationToken } from './generate-meetings';
import { timeRequests, WebClient, type Latency } from './web-client';

const connections = 10;
const workshops = ['A', 'B', 'C'];

/** A visitor from an address of their own (the app trusts its proxy's X-Forwarded-For). */
const visitor = (base: string, i: number) =>
  new WebClient(base, {
    'x-forwarded-proto': 'https',
    'x-forwarded-for': `10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}`,
  });

export interface WriteTargets {
  meetings: string[];
  /** Draft sheets' slugs and responses still « reçue », one per write. */
  draftSlugs: string[];
  received: string[];
  /** Generated registrations' personal tokens, by meeting index then registration index. */
  registrationsEach: number;
}

/**
 * The objects each write acts on, read from the database before the timing starts (the bench's
 * own reads are not the app's).
 */
export async function resolveTargets(targets: WriteTargets, count: number) {
  // One read each (a filter other than _id reads the whole collection on the embedded database).
  const references = targets.received.slice(0, count);
  const found = await ResponseModel.find(
    { reference: { $in: references } },
    { reference: 1 },
  ).lean();
  const idOf = new Map(found.map((r) => [r.reference, String(r._id)]));
  const responses = references.map((reference) => idOf.get(reference)!);
  const slugs = targets.draftSlugs.slice(0, count);
  const sheets = await SheetModel.find({ slug: { $in: slugs } }).lean();
  const drafts = slugs.map((slug) => sheets.find((s) => s.slug === slug)!);
  const meeting = targets.meetings[0];
  const selected = await SheetModel.find(
    { 'meetingSelections.meeting': meeting },
    { _id: 1, meetingSelections: 1 },
  ).lean();
  const present = await RegistrationModel.find({ meeting: targets.meetings[1] }, { _id: 1 }).lean();
  return { ...targets, count, responses, drafts, meeting, selected, present };
}

/** Times each write; `done(label)` is called after each one (the bench groups commands by it). */
export async function timeWrites(
  admin: WebClient,
  targets: Awaited<ReturnType<typeof resolveTargets>>,
  done: (label: string) => void = () => undefined,
): Promise<Latency[]> {
  const { count, responses, drafts, meeting, selected, present } = targets;
  const csrf = await admin.csrf('/moderation/compte');
  const results: Latency[] = [];
  const run = async (label: string, send: (i: number) => Promise<Response>, expected = 303) => {
    results.push(await timeRequests(label, count, connections, send, expected));
    done(label);
    return results.length;
  };

  await run('status change', (i) =>
    admin.post(`/moderation/reponses/${responses[i]}/statut`, {
      _csrf: csrf,
      depuis: 'recue',
      statut: 'en-examen',
      motif: '',
    }),
  );
  await run('note', (i) =>
    admin.post(`/moderation/reponses/${responses[i]}/notes`, {
      _csrf: csrf,
      note: `Note de relecture ${i} : à rapprocher des chantiers de rénovation.`,
    }),
  );
  await run('sheet save', (i) =>
    admin.post(`/moderation/fiches/${String(drafts[i]._id)}`, {
      ...formOf(drafts[i] as never),
      _csrf: csrf,
      title: `${drafts[i].title} (revu)`,
    }),
  );
  await run('publish', (i) =>
    admin.post(`/moderation/fiches/${String(drafts[i]._id)}/publier`, {
      _csrf: csrf,
      revision: String((drafts[i].revision ?? 0) + 1),
    }),
  );
  await run('selection move', (i) => {
    const sheet = selected[i % selected.length];
    return admin.post(`/moderation/rencontres/${meeting}/pratiques/deplacer`, {
      _csrf: csrf,
      id: String(sheet._id),
      workshop: sheet.meetingSelections[0].workshop,
      direction: i % 2 ? 'monter' : 'descendre',
    });
  });
  await run('check-in', (i) =>
    admin.post(
      `/moderation/rencontres/${targets.meetings[1]}/inscrits/${String(present[i % present.length]._id)}/presence`,
      { _csrf: csrf },
    ),
  );
  await timeVisitorWrites(admin.base, targets, count, run);
  return results;
}

/** Registration, workshop change and cancellation, each visitor with their own cookie. */
async function timeVisitorWrites(
  base: string,
  targets: WriteTargets,
  count: number,
  run: (
    label: string,
    send: (i: number) => Promise<Response>,
    expected?: number,
  ) => Promise<number>,
) {
  const meetingOf = (i: number) => targets.meetings[i % targets.meetings.length];
  const ready = async (i: number, path: string) => {
    const client = visitor(base, i);
    return { client, csrf: await client.csrf(path) };
  };
  const registering = await Promise.all(
    Array.from({ length: count }, (_, i) => ready(i, `/rencontres/${meetingOf(i)}/inscription`)),
  );
  await run('registration', (i) =>
    registering[i].client.post(`/rencontres/${meetingOf(i)}/inscription`, {
      ...registrationForm({ email: `nouvelle-${i}@exemple.fr`, atelier: workshops[i % 3] }),
      _csrf: registering[i].csrf,
    }),
  );
  // Generated registration k of meeting m has workshop k % 3.
  const each = targets.registrationsEach;
  const link = (i: number, offset: number) => {
    const m = i % targets.meetings.length;
    const k = (Math.floor(i / targets.meetings.length) + offset) % each;
    return { path: `/rencontres/${targets.meetings[m]}/inscription/${registrationToken(m, k)}`, k };
  };
  const changing = await Promise.all(
    Array.from({ length: count }, (_, i) => ready(count + i, link(i, 0).path)),
  );
  await run('workshop change', (i) =>
    changing[i].client.post(`${link(i, 0).path}/atelier`, {
      _csrf: changing[i].csrf,
      atelier: workshops[(link(i, 0).k + 1) % 3],
    }),
  );
  const cancelling = await Promise.all(
    Array.from({ length: count }, (_, i) =>
      ready(2 * count + i, link(i, Math.floor(each / 2)).path),
    ),
  );
  await run('cancellation', (i) =>
    cancelling[i].client.post(`${link(i, Math.floor(each / 2)).path}/annulation`, {
      _csrf: cancelling[i].csrf,
    }),
  );
}

/**
 * `people` registrations sent at the same instant to workshop A of the meeting `slug`: their
 * latency.
 */
export async function registrationBurst(base: string, slug: string, people: number) {
  const clients = await Promise.all(
    Array.from({ length: people }, async (_, i) => {
      const client = visitor(base, 100_000 + i);
      return { client, csrf: await client.csrf(`/rencontres/${slug}/inscription`) };
    }),
  );
  return timeRequests(
    `${people} registrations at the same instant`,
    people,
    people,
    (i) =>
      clients[i].client.post(`/rencontres/${slug}/inscription`, {
        ...registrationForm({ email: `rafale-${i}@exemple.fr`, atelier: 'A' }),
        _csrf: clients[i].csrf,
      }),
    303,
  );
}

/**
 * After the burst, the counts checked in the database (confirmed = places, the rest waiting, the
 * meeting's counter equal to the confirmed registrations).
 */
export async function burstCounts(slug: string, people: number, capacity: number) {
  const confirmed = await RegistrationModel.countDocuments({ meeting: slug, status: 'confirmee' });
  const waiting = await RegistrationModel.countDocuments({ meeting: slug, status: 'attente' });
  const meeting = await MeetingModel.findOne({ slug }).lean();
  const counters = meeting?.seats?.workshops as unknown as Record<string, { taken: number }>;
  const taken = counters.A.taken;
  const exact = confirmed === capacity && waiting === people - capacity && taken === capacity;
  return { confirmed, waiting, taken, exact };
}
