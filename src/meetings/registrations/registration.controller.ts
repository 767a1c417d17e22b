import type { RequestHandler, Response } from 'express';
import { AppError } from '../../lib/errors';
import type { FieldError, FormValues } from '../../lib/http/form';
import { registrationState, workshopsOf } from '../meeting.rules';
import { acceptsChanges, meetingOf, type Meeting } from './registration.meeting';
import { meetingPageVariant } from '../meeting.version';
import { cachedFormPage } from '../../lib/http/form-page-cache';
import { renderPage } from '../../lib/http/page-cache';
import { readRegistration, registrationFormLocals } from './registration.form';
import { personalPath, type RegistrationDeps } from './registration.links';
import { register } from './registration.service';

const formLocals = (meeting: Meeting, form: FormValues, errors: FieldError[] = []) => ({
  pageTitle: `${errors.length ? 'Erreur – ' : ''}Inscription – ${meeting.title}`,
  ...registrationFormLocals(meeting, form, errors),
});

function renderForm(res: Response, meeting: Meeting, form: FormValues, errors: FieldError[]) {
  res.status(422).render('registrations/form', formLocals(meeting, form, errors));
}

const closedLocals = (meeting: Meeting) => ({
  pageTitle: `Inscriptions closes – ${meeting.title}`,
  meeting,
  state: registrationState(meeting),
});

function renderClosed(res: Response, meeting: Meeting, status: number) {
  res.status(status).render('registrations/closed', closedLocals(meeting));
}

// GET /rencontres/:slug/inscription — the form, or why registration is closed.
// Rendered once per meeting version and minute for everyone, each visitor's form token put in.
export const showForm = cachedFormPage(async (req, res) => {
  const meeting = await meetingOf(req);
  if (!acceptsChanges(meeting))
    return renderPage(res, 'registrations/closed', closedLocals(meeting));
  return renderPage(res, 'registrations/form', formLocals(meeting, { dejeuner: 'oui' }));
}, meetingPageVariant);

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
