import type { Request, RequestHandler, Response } from 'express';
import { region } from '../reference';
import { roleLabels } from './user.model';
import { errorsByField, lineField, readForm, secretField, type FieldError } from '../lib/http/form';
import { setFlash, startSession } from './auth-session';
import { changePassword, checkCurrentPassword } from './account.service';
import { confirmationErrors, newPasswordFields, passwordHint } from './password-rules';
import { disableTotp, enableTotp, renewRecoveryCodes } from './second-factor.service';
import { renderEnrolment } from './second-factor.controller';

const enrolPath = '/moderation/compte/double-authentification';
const wrongPassword = (field: string) => ({ field, message: 'Le mot de passe est incorrect' });
// The page has two forms asking for the password: each field has its own name (and id).
const currentPassword = (field: string) =>
  secretField(field, 'Saisissez votre mot de passe actuel');

function renderAccount(req: Request, res: Response, errors: FieldError[] = []) {
  const user = req.user!;
  res.status(errors.length ? 422 : 200).render('auth/account', {
    pageTitle: 'Mon compte',
    account: {
      ...user,
      roleLabel: roleLabels[user.role],
      regionNames: user.regions.map((code) => region(code)?.name ?? code),
    },
    hint: passwordHint,
    errors,
    errorFor: errorsByField(errors),
  });
}

const showCodes = (res: Response, codes: string[]) =>
  res.render('auth/recovery-codes', {
    pageTitle: 'Vos codes de secours',
    codes,
    continueHref: '/moderation/compte',
  });

export function accountController() {
  // GET /moderation/compte — identity, password, second factor.
  const show: RequestHandler = (req, res) => renderAccount(req, res);

  // POST /moderation/compte/mot-de-passe — other sessions end; this one gets a new id.
  const updatePassword: RequestHandler = async (req, res) => {
    const form = await readForm<{ current: string; password: string; confirmation: string }>(req, [
      currentPassword('current'),
      ...newPasswordFields(),
    ]);
    const errors = [...form.errors, ...confirmationErrors(form.values)];
    if (errors.length > 0) return renderAccount(req, res, errors);
    const { current, password } = form.values;
    const user = await changePassword(req.user!, current, password, { ip: req.ip });
    if (!user) return renderAccount(req, res, [wrongPassword('current')]);
    const { loginAt, secondFactor } = req.session.auth!;
    await startSession(req, user, secondFactor, loginAt);
    await setFlash(req, 'Mot de passe modifié. Vos autres sessions ont été fermées.');
    res.redirect(303, '/moderation/compte');
  };

  const enrolOptions = (req: Request) => ({
    email: req.user!.email,
    action: enrolPath,
    cancelHref: '/moderation/compte',
    required: false,
  });

  // GET /moderation/compte/double-authentification — enrol from the account page.
  const showEnrol: RequestHandler = async (req, res) => {
    if (req.user!.totpEnabled) return res.redirect(303, '/moderation/compte');
    await renderEnrolment(req, res, enrolOptions(req));
  };

  // POST /moderation/compte/double-authentification — first code, then the recovery codes.
  const enrol: RequestHandler = async (req, res) => {
    const setup = req.session.totpSetup;
    if (req.user!.totpEnabled || !setup) return res.redirect(303, enrolPath);
    const { values } = await readForm<{ code: string }>(req, [lineField('code', { max: 40 })]);
    const result = await enableTotp(req.user!, setup.secret, values.code, { ip: req.ip });
    if ('error' in result) {
      if (result.error === 'already-enabled') return res.redirect(303, '/moderation/compte');
      const message = 'Code incorrect : saisissez le code affiché maintenant par l’application';
      return renderEnrolment(req, res, enrolOptions(req), [{ field: 'code', message }]);
    }
    delete req.session.totpSetup;
    // This session just proved the new factor: it stays open.
    req.session.auth!.secondFactor = true;
    showCodes(res, result.codes);
  };

  // POST /moderation/compte/codes-de-secours — ten new codes, the old ones stop working.
  const renewCodes: RequestHandler = async (req, res) => {
    const codes = await renewRecoveryCodes(req.user!, { ip: req.ip });
    if (!codes) return res.redirect(303, '/moderation/compte');
    showCodes(res, codes);
  };

  // POST /moderation/compte/double-authentification/desactivation — moderators only.
  const disable: RequestHandler = async (req, res) => {
    const { values, errors } = await readForm<{ disablePassword: string }>(req, [
      currentPassword('disablePassword'),
    ]);
    if (errors.length > 0) return renderAccount(req, res, errors);
    if (!(await checkCurrentPassword(req.user!.id, values.disablePassword))) {
      return renderAccount(req, res, [wrongPassword('disablePassword')]);
    }
    await disableTotp(req.user!, { ip: req.ip });
    await setFlash(req, 'Double authentification désactivée.');
    res.redirect(303, '/moderation/compte');
  };

  return { show, updatePassword, showEnrol, enrol, renewCodes, disable };
}
