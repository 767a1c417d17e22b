import type { Request, RequestHandler, Response } from 'express';
import { setFlash } from '../../../accounts';
import { record } from '../../../audit';
import type { FieldError } from '../../../lib/http/validate';
import { findAdminMeeting } from '../../admin/meeting-admin.service';
import { workshopsOf } from '../../meeting.rules';
import { taxonomyLabel, taxonomyOptions } from '../../../reference';
import { readRegistration, registrationFormLocals } from '../registration.form';
import { registrationStatusLabels, registrationStatuses } from '../registration.model';
import type { RegistrationDeps } from '../registration.links';
import { register } from '../registration.service';
import { cancelRegistration, changeWorkshop } from '../waitlist';
import { findRegistration, listAttendees, meetingCounts, readFilters } from './attendees.service';

const base = (slug: string) => `/moderation/rencontres/${slug}`;

export function attendeesController(deps: RegistrationDeps) {
  const meetingOf = (req: Request) => findAdminMeeting(req.user!, String(req.params.slug));

  // GET /moderation/rencontres/:slug — overview: counts, lunch, attendance, links.
  const overview: RequestHandler = async (req, res) => {
    const meeting = await meetingOf(req);
    res.render('registrations/admin/overview', {
      pageTitle: meeting.title,
      meeting,
      counts: await meetingCounts(meeting),
    });
  };

  // GET /moderation/rencontres/:slug/inscrits — filtered list, waitlist order, actions.
  const list: RequestHandler = async (req, res) => {
    const meeting = await meetingOf(req);
    const workshops = workshopsOf(meeting);
    const filters = readFilters(
      req.query,
      workshops.map((w) => w.code),
    );
    res.render('registrations/admin/list', {
      pageTitle: `Inscrits – ${meeting.title}`,
      meeting,
      workshops,
      filters,
      attendees: await listAttendees(meeting.slug, filters),
      statuses: registrationStatuses.map((s) => ({ value: s, label: registrationStatusLabels[s] })),
      structureTypes: taxonomyOptions('actorTypes'),
      typeLabel: (code: string) => taxonomyLabel('actorTypes', code),
      statusLabels: registrationStatusLabels,
      query: new URLSearchParams(
        Object.entries(filters).filter(([, v]) => v) as [string, string][],
      ).toString(),
    });
  };

  const renderAdd = (
    res: Response,
    meeting: Awaited<ReturnType<typeof meetingOf>>,
    form: Record<string, string>,
    errors: FieldError[] = [],
  ) =>
    res.status(errors.length ? 422 : 200).render('registrations/admin/add', {
      pageTitle: `Ajouter une personne – ${meeting.title}`,
      ...registrationFormLocals(meeting, form, errors),
    });

  // GET/POST /moderation/rencontres/:slug/inscrits/ajouter — manual registration (same rules).
  const showAdd: RequestHandler = async (req, res) =>
    renderAdd(res, await meetingOf(req), { dejeuner: 'oui' });
  const add: RequestHandler = async (req, res) => {
    const meeting = await meetingOf(req);
    const { errors, fields } = await readRegistration(
      req,
      workshopsOf(meeting).map((w) => w.code),
    );
    const typed = Object.fromEntries(
      Object.entries(req.body ?? {}).filter(([, v]) => typeof v === 'string'),
    ) as Record<string, string>;
    if (errors.length) return renderAdd(res, meeting, typed, errors);
    const outcome = await register(deps, meeting.slug, fields, 'moderation');
    if (outcome.kind === 'duplicate') {
      return renderAdd(res, meeting, typed, [
        { field: 'email', message: 'Cette adresse est déjà inscrite à la rencontre' },
      ]);
    }
    const r = outcome.registration;
    await record({
      actor: req.user!,
      action: 'registration.added',
      target: { type: 'registration', id: String(r._id), label: `${r.firstName} ${r.lastName}` },
      details: { meeting: meeting.slug, workshop: r.workshop, status: r.status },
      ip: req.ip,
    });
    await setFlash(
      req,
      `${r.firstName} ${r.lastName} ajouté·e (${registrationStatusLabels[r.status]}).`,
    );
    res.redirect(303, `${base(meeting.slug)}/inscrits`);
  };

  // POST /moderation/rencontres/:slug/inscrits/:id/atelier — move to another workshop.
  const move: RequestHandler = async (req, res) => {
    const meeting = await meetingOf(req);
    const r = await findRegistration(meeting.slug, String(req.params.id));
    const to = typeof req.body?.atelier === 'string' ? req.body.atelier : '';
    const valid = workshopsOf(meeting).some((w) => w.code === to);
    const outcome = valid ? await changeWorkshop(deps, r, to) : 'unchanged';
    if (outcome === 'moved' || outcome === 'waiting') {
      await record({
        actor: req.user!,
        action: 'registration.moved',
        target: { type: 'registration', id: String(r._id), label: `${r.firstName} ${r.lastName}` },
        details: { meeting: meeting.slug, from: r.workshop, to },
        ip: req.ip,
      });
    }
    const messages = {
      moved: 'Atelier changé.',
      waiting: 'Placé·e sur la liste d’attente du nouvel atelier.',
      full: `L’atelier ${to} est complet : rien n’a changé.`,
      unchanged: 'Rien n’a changé.',
    };
    await setFlash(req, `${r.firstName} ${r.lastName} : ${messages[outcome]}`);
    res.redirect(303, `${base(meeting.slug)}/inscrits`);
  };

  // POST /moderation/rencontres/:slug/inscrits/:id/annulation — cancel (the waitlist moves up).
  const cancel: RequestHandler = async (req, res) => {
    const meeting = await meetingOf(req);
    const r = await findRegistration(meeting.slug, String(req.params.id));
    if (await cancelRegistration(deps, r._id)) {
      await record({
        actor: req.user!,
        action: 'registration.cancelled',
        target: { type: 'registration', id: String(r._id), label: `${r.firstName} ${r.lastName}` },
        details: { meeting: meeting.slug },
        ip: req.ip,
      });
    }
    await setFlash(req, `Inscription de ${r.firstName} ${r.lastName} annulée.`);
    res.redirect(303, `${base(meeting.slug)}/inscrits`);
  };

  return { overview, list, showAdd, add, move, cancel };
}
