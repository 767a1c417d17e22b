import { Types } from 'mongoose';
import type { Request, RequestHandler, Response } from 'express';
import { NotFoundError } from '../../lib/errors';
import { choiceField, readForm } from '../../lib/http/form';
import { frenchTime, isPast, workshopsOf } from '../meeting.rules';
import { acceptsChanges, meetingOf } from './registration.meeting';
import { registrationStatusLabels } from './registration.model';
import type { RegistrationDeps } from './registration.links';
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

// GET /rencontres/:slug/inscription/:token — confirmation and personal page.
export const showPersonal: RequestHandler = async (req, res) => {
  renderPersonal(res, await personal(req), { confirmation: req.query.confirmation === '1' });
};

const messages = {
  moved: 'Votre atelier a été changé.',
  waiting: 'Vous êtes sur la liste d’attente du nouvel atelier.',
  full: 'Cet atelier est complet : votre inscription n’a pas changé.',
  unchanged: 'Votre inscription n’a pas changé.',
} as const;

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
    renderPersonal(res, await personal(req), {
      status: outcome === 'full' ? 409 : 200,
      message: messages[outcome],
    });
  };

// POST /rencontres/:slug/inscription/:token/annulation — cancels (the place goes to the waitlist).
export const cancel =
  (deps: RegistrationDeps): RequestHandler =>
  async (req, res) => {
    const view = await personal(req);
    await cancelRegistration(deps, view.registration._id);
    renderPersonal(res, await personal(req), { message: 'Votre inscription est annulée.' });
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
  renderPersonal(res, await personal(req), { message: 'Vos données ont été effacées.' });
};
