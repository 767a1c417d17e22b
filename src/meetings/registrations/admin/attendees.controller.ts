import { frenchOf } from '../../../lib/text';
import type { Request, RequestHandler, Response } from 'express';
import { setFlash } from '../../../accounts';
import { choiceField, readForm, type FieldError, type FormValues } from '../../../lib/http/form';
import { heldAdminMeeting } from '../../admin/meeting-admin.service';
import { workshopsOf } from '../../meeting.rules';
import { taxonomyLabel, taxonomyOptions } from '../../../reference';
import { readRegistration, registrationFormLocals } from '../registration.form';
import { registrationStatusLabels, registrationStatuses } from '../registration.model';
import type { RegistrationDeps } from '../registration.links';
import { addAttendee, cancelAttendee, moveAttendee } from './attendee-actions.service';
import { findRegistration, listAttendees, meetingCounts, readFilters } from './attendees.service';

const base = (slug: string) => `/moderation/rencontres/${slug}`;

const meetingOf = (req: Request) => heldAdminMeeting(req.user!, String(req.params.slug));

// GET /moderation/rencontres/:slug — overview: counts, lunch, attendance, links.
export const overview: RequestHandler = async (req, res) => {
  const meeting = await meetingOf(req);
  res.render('registrations/admin/overview', {
    pageTitle: meeting.title,
    meeting,
    counts: await meetingCounts(meeting),
  });
};

// GET /moderation/rencontres/:slug/inscrits — filtered list, waitlist order, actions.
export const list: RequestHandler = async (req, res) => {
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
  form: FormValues,
  errors: FieldError[] = [],
) =>
  res.status(errors.length ? 422 : 200).render('registrations/admin/add', {
    pageTitle: `Ajouter une personne – ${meeting.title}`,
    ...registrationFormLocals(meeting, form, errors),
  });

// GET/POST /moderation/rencontres/:slug/inscrits/ajouter — manual registration (same rules).
export const showAdd: RequestHandler = async (req, res) =>
  renderAdd(res, await meetingOf(req), { dejeuner: 'oui' });
export const add =
  (deps: RegistrationDeps): RequestHandler =>
  async (req, res) => {
    const meeting = await meetingOf(req);
    const { errors, fields, typed } = await readRegistration(
      req,
      workshopsOf(meeting).map((w) => w.code),
    );
    if (errors.length) return renderAdd(res, meeting, typed, errors);
    const outcome = await addAttendee(deps, req.user!, meeting.slug, fields, req.ip);
    if (outcome.kind === 'duplicate') {
      return renderAdd(res, meeting, typed, [
        { field: 'email', message: 'Cette adresse est déjà inscrite à la rencontre' },
      ]);
    }
    const r = outcome.registration;
    await setFlash(
      req,
      `${r.firstName} ${r.lastName} ajouté·e (${registrationStatusLabels[r.status]}).`,
    );
    res.redirect(303, `${base(meeting.slug)}/inscrits`);
  };

// POST /moderation/rencontres/:slug/inscrits/:id/atelier — move to another workshop.
export const move =
  (deps: RegistrationDeps): RequestHandler =>
  async (req, res) => {
    const meeting = await meetingOf(req);
    const r = await findRegistration(meeting.slug, String(req.params.id));
    const codes = workshopsOf(meeting).map((w) => w.code);
    const { values, errors } = await readForm<{ atelier: string }>(req, [
      choiceField('atelier', codes, 'Choisissez un atelier'),
    ]);
    const to = values.atelier;
    const valid = errors.length === 0;
    const outcome = valid ? await moveAttendee(deps, req.user!, r, to, req.ip) : 'unchanged';
    const messages = {
      moved: 'Atelier changé.',
      waiting: 'Placé·e sur la liste d’attente du nouvel atelier.',
      full: `L’atelier ${to} est complet : rien n’a changé.`,
      unchanged: 'Rien n’a changé.',
    };
    await setFlash(req, `${r.firstName} ${r.lastName} : ${messages[outcome]}`);
    res.redirect(303, `${base(meeting.slug)}/inscrits`);
  };

// GET /moderation/rencontres/:slug/inscrits/:id/annulation — who, what it does, then confirm.
export const confirmCancel: RequestHandler = async (req, res) => {
  const meeting = await meetingOf(req);
  const r = await findRegistration(meeting.slug, String(req.params.id));
  if (r.status === 'annulee') return res.redirect(303, `${base(meeting.slug)}/inscrits`);
  res.render('registrations/admin/cancel', {
    pageTitle: `Annuler l’inscription ${frenchOf(`${r.firstName} ${r.lastName}`)}`,
    meeting,
    attendee: r,
    statusLabel: registrationStatusLabels[r.status],
  });
};

// POST /moderation/rencontres/:slug/inscrits/:id/annulation — cancel (the waitlist moves up).
export const cancel =
  (deps: RegistrationDeps): RequestHandler =>
  async (req, res) => {
    const meeting = await meetingOf(req);
    const r = await findRegistration(meeting.slug, String(req.params.id));
    await cancelAttendee(deps, req.user!, r, req.ip);
    await setFlash(req, `Inscription ${frenchOf(`${r.firstName} ${r.lastName}`)} annulée.`);
    res.redirect(303, `${base(meeting.slug)}/inscrits`);
  };
