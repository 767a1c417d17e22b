import type { Request, RequestHandler, Response } from 'express';
import { errorsByField, lineField, readForm, type FieldError } from '../lib/http/form';
import { setFlash } from './auth-session';
import { completeLogin, loginFailedMessage, renderLogin } from './login.controller';
import { findActiveUser } from './login.service';
import { enableTotp, verifySecondFactor } from './second-factor.service';
import { groupedSecret, newTotpSecret, totpQrCode } from './totp';

const wrongCode =
  'Code incorrect ou déjà utilisé : saisissez le code affiché maintenant par l’application';

/** The account whose password was just accepted (the pending step), or null. */
async function pendingUser(req: Request) {
  const pending = req.session.pending;
  const user = pending && (await findActiveUser(pending.userId));
  return user ? { ...user, retour: pending.retour } : null;
}

/** The enrolment page: one secret per attempt, kept in the session until its first code works. */
export async function renderEnrolment(
  req: Request,
  res: Response,
  options: { email: string; action: string; cancelHref: string; required: boolean },
  errors: FieldError[] = [],
): Promise<void> {
  req.session.totpSetup ??= { secret: newTotpSecret(), at: Date.now() };
  const { secret } = req.session.totpSetup;
  res.status(errors.length ? 422 : 200).render('auth/enrol', {
    pageTitle: 'Activer la double authentification',
    qrCode: await totpQrCode(secret, options.email),
    secret: groupedSecret(secret),
    ...options,
    errors,
    errorFor: errorsByField(errors),
  });
}

function render(res: Response, errors: FieldError[] = []) {
  res.status(errors.length ? 422 : 200).render('auth/second-factor', {
    pageTitle: 'Double authentification',
    errors,
    errorFor: errorsByField(errors),
  });
}

/** Back to the login form with the one message that tells nothing about the account. */
const refuseLogin = (req: Request, res: Response) =>
  renderLogin(req, res, 422, [{ field: 'email', message: loginFailedMessage }]);

const enrolOptions = (email: string) => ({
  email,
  action: '/connexion/activation',
  cancelHref: '/connexion',
  required: true,
});

// GET /connexion/verification — the code after the password.
export const showVerify: RequestHandler = async (req, res) => {
  const user = await pendingUser(req);
  if (!user?.totpEnabled) return res.redirect(303, '/connexion');
  render(res);
};

// POST /connexion/verification — TOTP or recovery code.
export const verify: RequestHandler = async (req, res) => {
  const user = await pendingUser(req);
  if (!user?.totpEnabled) return res.redirect(303, '/connexion');
  const { values } = await readForm<{ code: string }>(req, [lineField('code', { max: 1000 })]);
  const code = values.code;
  if (!code) {
    return render(res, [{ field: 'code', message: 'Saisissez le code affiché par l’application' }]);
  }
  const result = await verifySecondFactor(user, code.slice(0, 40), { ip: req.ip });
  if (!result.ok) {
    if (!result.locked) return render(res, [{ field: 'code', message: wrongCode }]);
    delete req.session.pending;
    return refuseLogin(req, res);
  }
  if (!(await completeLogin(req, user.id, result.method))) {
    return refuseLogin(req, res);
  }
  if (result.method === 'recovery-code') {
    await setFlash(
      req,
      `Code de secours accepté. Il vous en reste ${result.remaining} : vous pouvez en générer de nouveaux depuis « Mon compte ».`,
    );
  }
  res.redirect(303, user.retour);
};

// GET /connexion/activation — first login of an admin: enrol the second factor.
export const showEnrol: RequestHandler = async (req, res) => {
  const user = await pendingUser(req);
  if (!user || user.totpEnabled) return res.redirect(303, '/connexion');
  await renderEnrolment(req, res, enrolOptions(user.email));
};

// POST /connexion/activation — first code: enrolment done, logged in, recovery codes shown once.
export const enrol: RequestHandler = async (req, res) => {
  const user = await pendingUser(req);
  const setup = req.session.totpSetup;
  if (!user || user.totpEnabled || !setup) return res.redirect(303, '/connexion');
  const { values } = await readForm<{ code: string }>(req, [lineField('code', { max: 1000 })]);
  const result = await enableTotp(user, setup.secret, values.code, { ip: req.ip });
  if ('error' in result) {
    if (result.error === 'already-enabled') return res.redirect(303, '/connexion');
    return renderEnrolment(req, res, enrolOptions(user.email), [
      { field: 'code', message: wrongCode },
    ]);
  }
  if (!(await completeLogin(req, user.id, 'enrolment'))) {
    return refuseLogin(req, res);
  }
  res.render('auth/recovery-codes', {
    pageTitle: 'Vos codes de secours',
    codes: result.codes,
    continueHref: user.retour,
  });
};
