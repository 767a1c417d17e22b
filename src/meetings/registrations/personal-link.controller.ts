import { Types } from 'mongoose';
import type { Request, RequestHandler, Response } from 'express';
import { NotFoundError } from '../../lib/errors';
import { choiceField, readForm } from '../../lib/http/form';
import { frenchTime, isPast, workshopsOf } from '../meeting.rules';
import { acceptsChanges, meetingOf } from './registration.meeting';
import { registrationStatusLabels } from './registration.model';
import { personalPath, sendWithLink, type RegistrationDeps } from './registration.links';
import { cancelledEmail, workshopChangedEmail } from './registration.emails';
import { findByToken } from './registration.service';
import { cancelRegistration, changeWorkshop } from './waitlist';
import { anonymiseRegistration } from './anonymise';

/** The meeting and the registration of a personal link (404 for a link replaced or unknown). */
async function personal(req: Request) {
  const meeting = await meetingOf(req);
  const registration = await findByToken(meeting.slug, String(req.params.token));
  if (!registration)
    throw new NotFoundError(
      'Ce lien d’inscription n’est pas valide ou a été remplacé par un lien plus récent.',
    );
  return { meeting, registration, token: String(req.params.token) };
}

function renderPersonal(
  res: Response,
  view: Awaited<ReturnType<typeof personal>>,
  extra: Record<string, unknown> = {},
) {
  const { meeting, registration } = view;
  res.status((extra.status as number) ?? 200).render('registrations/personal', {
    pageTitle: `Votre inscription – ${meeting.title}`,
    meeting,
    registration,
    statusLabel: registrationStatusLabels[registration.status],
    workshops: workshopsOf(meeting),
    frenchTime,
    canChange: acceptsChanges(meeting) && registration.status !== 'annulee',
    canCancel: !isPast(meeting) && registration.status !== 'annulee',
    message: undefined,
    confirmation: false,
    token: view.token,
    ...extra,
  });
}

/** What the page says after each change (POST, then redirect here with `?fait=`). */
const messages = {
  moved: 'Votre atelier a été changé.',
  waiting: 'Vous êtes sur la liste d’attente du nouvel atelier.',
  full: 'Cet atelier est complet : votre inscription n’a pas changé.',
  unchanged: 'Votre inscription n’a pas changé.',
  cancelled: 'Votre inscription est annulée.',
  erased: 'Vos données ont été effacées.',
} as const;
type Done = keyof typeof messages;
const isDone = (value: unknown): value is Done =>
  typeof value === 'string' && Object.hasOwn(messages, value);

/** After a change, the browser goes back to the page (a refresh does not send the form again). */
const backToPage = (res: Response, view: Awaited<ReturnType<typeof personal>>, done: Done) =>
  res.redirect(303, `${personalPath(view.meeting.slug, view.token)}?fait=${done}`);

// GET /rencontres/:slug/inscription/:token — confirmation and personal page.
export const showPersonal: RequestHandler = async (req, res) => {
  const done = req.query.fait;
  renderPersonal(res, await personal(req), {
    confirmation: req.query.confirmation === '1',
    message: isDone(done) ? messages[done] : undefined,
  });
};

// POST /rencontres/:slug/inscription/:token/atelier — another workshop.
export const change =
  (deps: RegistrationDeps): RequestHandler =>
  async (req, res) => {
    const view = await personal(req);
    const codes = workshopsOf(view.meeting).map((w) => w.code);
    const { values, errors } = await readForm<{ atelier: string }>(req, [
      choiceField('atelier', codes, 'Choisissez un atelier de la liste.'),
    ]);
    if (errors.length || !acceptsChanges(view.meeting)) {
      return renderPersonal(res, view, {
        status: 422,
        message: 'Choisissez un atelier de la liste.',
      });
    }
    const outcome = await changeWorkshop(deps, view.registration, values.atelier);
    if (outcome === 'moved' || outcome === 'waiting') {
      const changed = await personal(req);
      await sendWithLink(deps, changed.registration, view.token, workshopChangedEmail);
    }
    backToPage(res, view, outcome);
  };

// POST /rencontres/:slug/inscription/:token/annulation — cancels (the place goes to the waitlist).
export const cancel =
  (deps: RegistrationDeps): RequestHandler =>
  async (req, res) => {
    const view = await personal(req);
    if (await cancelRegistration(deps, view.registration._id)) {
      await sendWithLink(deps, view.registration, view.token, (meeting, summary, link) =>
        cancelledEmail(meeting, summary, link),
      );
    }
    backToPage(res, view, 'cancelled');
  };

// POST /rencontres/:slug/inscription/:token/effacement — a cancelled registration's person erased.
export const erase: RequestHandler = async (req, res) => {
  const view = await personal(req);
  if (view.registration.status !== 'annulee') {
    return renderPersonal(res, view, {
      status: 409,
      message:
        'Annulez d’abord votre inscription : une place confirmée garde votre nom pour l’accueil.',
    });
  }
  // The link keeps opening it, to say that it is erased; the counts do not move (no place held).
  await anonymiseRegistration(new Types.ObjectId(String(view.registration._id)), new Date(), {
    keepLink: true,
  });
  backToPage(res, view, 'erased');
};
