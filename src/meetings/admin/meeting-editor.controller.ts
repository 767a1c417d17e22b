import type { Request, RequestHandler, Response } from 'express';
import { setFlash } from '../../auth';
import { ConflictError } from '../../lib/errors';
import { errorsByField, type FieldError } from '../../lib/http/validate';
import { regions } from '../../reference/geography';
import { slotKinds } from '../meeting.model';
import { registrationState, registrationStateLabels, workshopsOf } from '../meeting.rules';
import { readMeetingForm } from './meeting.form';
import {
  createMeeting,
  findAdminMeeting,
  listAdminMeetings,
  updateMeeting,
} from './meeting-admin.service';

type Form = Record<string, string | string[]>;
type Meeting = Awaited<ReturnType<typeof findAdminMeeting>>;

const day = (d?: Date | null) =>
  d ? new Date(d.getTime() + 7_200_000).toISOString().slice(0, 10) : '';

/** The editor's form values for a stored meeting (and blank rows to add slots and workshops). */
function formOf(m: Meeting): Form {
  const slots = m.programme ?? [];
  const workshops = workshopsOf(m);
  const pad = (values: string[], n: number) => [...values, ...Array<string>(n).fill('')];
  return {
    titre: m.title,
    etape: m.stage ? String(m.stage) : '',
    region: m.region,
    date: m.date.toISOString().slice(0, 10),
    lieuNom: m.venue?.name ?? '',
    lieuAdresse: m.venue?.address ?? '',
    lieuCodePostal: m.venue?.postalCode ?? '',
    lieuVille: m.venue?.city ?? '',
    introduction: m.summary ?? '',
    public: m.audience ?? '',
    contactOrganisation: m.contact?.organisation ?? '',
    contactEmail: m.contact?.email ?? '',
    programmeStatut: m.programmeStatus ?? 'provisoire',
    publie: m.published === false ? 'non' : 'oui',
    capacite:
      m.seats?.capacity === null || m.seats?.capacity === undefined ? '' : String(m.seats.capacity),
    ouverture: day(m.registration?.opensAt),
    cloture: day(m.registration?.closesAt),
    anonymiserApres: String(m.anonymiseAfterMonths ?? 6),
    creneauDebut: pad(
      slots.map((s) => s.start),
      3,
    ),
    creneauFin: pad(
      slots.map((s) => s.end),
      3,
    ),
    creneauTitre: pad(
      slots.map((s) => s.title),
      3,
    ),
    creneauType: pad(
      slots.map((s) => s.kind),
      3,
    ),
    creneauNote: pad(
      slots.map((s) => s.note ?? ''),
      3,
    ),
    atelierCode: pad(
      workshops.map((w) => w.code),
      2,
    ),
    atelierTitre: pad(
      workshops.map((w) => w.title),
      2,
    ),
    atelierDescription: pad(
      workshops.map((w) => w.description ?? ''),
      2,
    ),
    atelierTheme: pad(
      workshops.map((w) => w.theme ?? ''),
      2,
    ),
    atelierCapacite: pad(
      workshops.map((w) => (w.capacity === null ? '' : String(w.capacity))),
      2,
    ),
  };
}

const blank: Form = {
  publie: 'non',
  programmeStatut: 'provisoire',
  anonymiserApres: '6',
  creneauDebut: ['', '', '', '', ''],
  creneauFin: ['', '', '', '', ''],
  creneauTitre: ['', '', '', '', ''],
  creneauType: ['', '', '', '', ''],
  creneauNote: ['', '', '', '', ''],
  atelierCode: ['A', 'B', 'C'],
  atelierTitre: ['', '', ''],
  atelierDescription: ['', '', ''],
  atelierTheme: ['', '', ''],
  atelierCapacite: ['', '', ''],
};

/** Submitted values as typed, with at least one blank row more to add a slot or a workshop. */
function typed(req: Request): Form {
  const form: Form = {};
  for (const [k, v] of Object.entries((req.body ?? {}) as Record<string, unknown>)) {
    if (typeof v === 'string') form[k] = v;
    else if (Array.isArray(v)) form[k] = v.map((x) => (typeof x === 'string' ? x : ''));
  }
  return form;
}

function render(
  res: Response,
  form: Form,
  opts: { slug?: string; errors?: FieldError[]; overlaps?: string[] },
) {
  const errors = opts.errors ?? [];
  const overlaps = opts.overlaps ?? [];
  res.status(errors.length || overlaps.length ? 422 : 200).render('meetings/admin/edit', {
    pageTitle: opts.slug ? 'Modifier une rencontre' : 'Nouvelle rencontre',
    slug: opts.slug,
    form,
    errors,
    errorFor: errorsByField(errors),
    overlaps,
    regions: regions(),
    slotKinds,
  });
}

export function meetingEditorController() {
  // GET /moderation/rencontres — the meetings in the user's scope.
  const list: RequestHandler = async (req, res) => {
    const meetings = await listAdminMeetings(req.user!);
    res.render('meetings/admin/list', {
      pageTitle: 'Rencontres',
      meetings: meetings.map((m) => ({
        ...m,
        state: registrationStateLabels[registrationState(m)],
      })),
    });
  };

  const showNew: RequestHandler = (_req, res) => render(res, blank, {});
  const showEdit: RequestHandler = async (req, res) => {
    const meeting = await findAdminMeeting(req.user!, String(req.params.slug));
    render(res, formOf(meeting), { slug: meeting.slug });
  };

  /** Saves when valid and, if slots overlap, only once the organiser confirmed keeping them. */
  const save =
    (isNew: boolean): RequestHandler =>
    async (req, res) => {
      const slug = isNew
        ? undefined
        : (await findAdminMeeting(req.user!, String(req.params.slug))).slug;
      const { errors, overlaps, input } = readMeetingForm(req, isNew);
      const unconfirmed = overlaps.length && !input.overlapsConfirmed ? overlaps : [];
      if (errors.length || unconfirmed.length)
        return render(res, typed(req), { slug, errors, overlaps: unconfirmed });
      input.overlapsConfirmed = overlaps.length > 0;
      try {
        if (isNew) await createMeeting(req.user!, input, req.ip);
        else await updateMeeting(req.user!, slug!, input, req.ip);
      } catch (error) {
        if (!(error instanceof ConflictError)) throw error;
        return render(res, typed(req), {
          slug,
          errors: [{ field: isNew ? 'slug' : 'titre', message: error.message }],
        });
      }
      await setFlash(req, `Rencontre « ${input.title} » enregistrée.`);
      res.redirect(303, `/moderation/rencontres/${slug ?? input.slug}`);
    };

  return { list, showNew, showEdit, create: save(true), update: save(false) };
}
