import type { Request, RequestHandler, Response } from 'express';
import { AppError } from '../../lib/errors';
import type { FieldError, FormValues } from '../../lib/http/form';
import { registrationState, workshopsOf } from '../meeting.rules';
import { findPublishedMeeting } from '../meeting.service';
import { readRegistration, registrationFormLocals } from './registration.form';
import { personalPath, type RegistrationDeps } from './registration.links';
import { register } from './registration.service';

export type Meeting = Awaited<ReturnType<typeof findPublishedMeeting>>;

/** Whether people may register (or change workshop) now: open, or full with a waitlist. */
export const acceptsChanges = (m: Meeting) => ['ouverte', 'complet'].includes(registrationState(m));
export const meetingOf = (req: Request) => findPublishedMeeting(String(req.params.slug));

function renderForm(res: Response, meeting: Meeting, form: FormValues, errors: FieldError[] = []) {
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

// GET /rencontres/:slug/inscription — the form, or why registration is closed.
export const showForm: RequestHandler = async (req, res) => {
  const meeting = await meetingOf(req);
  if (!acceptsChanges(meeting)) return renderClosed(res, meeting);
  renderForm(res, meeting, { dejeuner: 'oui' });
};

// POST /rencontres/:slug/inscription — registers (or waitlists), then the confirmation page.
export const submit =
  (deps: RegistrationDeps): RequestHandler =>
  async (req, res) => {
    const meeting = await meetingOf(req);
    if (!acceptsChanges(meeting)) return renderClosed(res, meeting, 409);
    const codes = workshopsOf(meeting).map((w) => w.code);
    const { errors, fields, typed, robot } = await readRegistration(req, codes);
    if (robot) throw new AppError(400, 'Votre demande n’a pas pu être enregistrée.');
    if (errors.length) return renderForm(res, meeting, typed, errors);
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
