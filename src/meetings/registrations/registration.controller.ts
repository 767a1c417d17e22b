import type { Request, RequestHandler, Response } from 'express';
import { AppError, NotFoundError } from '../../lib/errors';
import type { FieldError } from '../../lib/http/validate';
import { frenchTime, isPast, registrationState, workshopsOf } from '../meeting.rules';
import { findPublishedMeeting } from '../meeting.service';
import { honeypotFilled, readRegistration, registrationFormLocals } from './registration.form';
import { registrationStatusLabels } from './registration.model';
import { personalPath, type RegistrationDeps } from './registration.links';
import { findByToken, register } from './registration.service';
import { cancelRegistration, changeWorkshop } from './waitlist';

type Meeting = Awaited<ReturnType<typeof findPublishedMeeting>>;

const open = (m: Meeting) => ['ouverte', 'complet'].includes(registrationState(m));

function typed(req: Request): Record<string, string> {
  return Object.fromEntries(
    Object.entries((req.body ?? {}) as Record<string, unknown>).filter(
      ([, v]) => typeof v === 'string',
    ),
  ) as Record<string, string>;
}

function renderForm(
  res: Response,
  meeting: Meeting,
  form: Record<string, string>,
  errors: FieldError[] = [],
) {
  res.status(errors.length ? 422 : 200).render('registrations/form', {
    pageTitle: `${errors.length ? 'Erreur – ' : ''}Inscription – ${meeting.title}`,
    ...registrationFormLocals(meeting, form, errors),
  });
}

function renderClosed(res: Response, meeting: Meeting, status = 200) {
  res.status(status).render('registrations/closed', {
    pageTitle: `Inscriptions closes – ${meeting.title}`,
    meeting,
    state: registrationState(meeting),
  });
}

export function registrationController(deps: RegistrationDeps) {
  const meetingOf = (req: Request) => findPublishedMeeting(String(req.params.slug));

  // GET /rencontres/:slug/inscription — the form, or why registration is closed.
  const show: RequestHandler = async (req, res) => {
    const meeting = await meetingOf(req);
    if (!open(meeting)) return renderClosed(res, meeting);
    renderForm(res, meeting, { dejeuner: 'oui' });
  };

  // POST /rencontres/:slug/inscription — registers (or waitlists), then the confirmation page.
  const submit: RequestHandler = async (req, res) => {
    const meeting = await meetingOf(req);
    if (!open(meeting)) return renderClosed(res, meeting, 409);
    if (honeypotFilled(req)) throw new AppError(400, 'Votre demande n’a pas pu être enregistrée.');
    const codes = workshopsOf(meeting).map((w) => w.code);
    const { errors, fields } = await readRegistration(req, codes);
    if (errors.length) return renderForm(res, meeting, typed(req), errors);
    const outcome = await register(deps, meeting.slug, fields);
    if (outcome.kind === 'duplicate') {
      return res.status(409).render('registrations/duplicate', {
        pageTitle: `Déjà inscrit·e – ${meeting.title}`,
        meeting,
        email: fields.email,
      });
    }
    res.redirect(303, `${personalPath(meeting.slug, outcome.token)}?confirmation=1`);
  };

  const personal = async (req: Request) => {
    const meeting = await meetingOf(req);
    const registration = await findByToken(meeting.slug, String(req.params.token));
    if (!registration)
      throw new NotFoundError(
        'Ce lien d’inscription n’est pas valide ou a été remplacé par un lien plus récent.',
      );
    return { meeting, registration, token: String(req.params.token) };
  };

  const renderPersonal = (
    res: Response,
    view: Awaited<ReturnType<typeof personal>>,
    extra: Record<string, unknown> = {},
  ) => {
    const { meeting, registration } = view;
    res.status((extra.status as number) ?? 200).render('registrations/personal', {
      pageTitle: `Votre inscription – ${meeting.title}`,
      meeting,
      registration,
      statusLabel: registrationStatusLabels[registration.status],
      workshops: workshopsOf(meeting),
      frenchTime,
      canChange: open(meeting) && registration.status !== 'annulee',
      canCancel: !isPast(meeting) && registration.status !== 'annulee',
      message: undefined,
      confirmation: false,
      token: view.token,
      ...extra,
    });
  };

  // GET /rencontres/:slug/inscription/:token — confirmation and personal page.
  const showPersonal: RequestHandler = async (req, res) => {
    renderPersonal(res, await personal(req), { confirmation: req.query.confirmation === '1' });
  };

  const messages = {
    moved: 'Votre atelier a été changé.',
    waiting: 'Vous êtes sur la liste d’attente du nouvel atelier.',
    full: 'Cet atelier est complet : votre inscription n’a pas changé.',
    unchanged: 'Votre inscription n’a pas changé.',
  } as const;

  // POST /rencontres/:slug/inscription/:token/atelier — another workshop.
  const change: RequestHandler = async (req, res) => {
    const view = await personal(req);
    const to = typeof req.body?.atelier === 'string' ? req.body.atelier : '';
    if (!workshopsOf(view.meeting).some((w) => w.code === to) || !open(view.meeting)) {
      return renderPersonal(res, view, {
        status: 422,
        message: 'Choisissez un atelier de la liste.',
      });
    }
    const outcome = await changeWorkshop(deps, view.registration, to);
    renderPersonal(res, await personal(req), {
      status: outcome === 'full' ? 409 : 200,
      message: messages[outcome],
    });
  };

  // POST /rencontres/:slug/inscription/:token/annulation — cancels (the place goes to the waitlist).
  const cancel: RequestHandler = async (req, res) => {
    const view = await personal(req);
    await cancelRegistration(deps, view.registration._id);
    renderPersonal(res, await personal(req), { message: 'Votre inscription est annulée.' });
  };

  return { show, submit, showPersonal, change, cancel };
}
