import type { Request, RequestHandler, Response } from 'express';
import type { Config } from '../lib/config';
import type { Mailer } from '../lib/mail';
import { errorsByField, readForm, type FieldError } from '../lib/http/form';
import { emailField } from './users.form';
import { setFlash } from './auth-session';
import { resetEmail } from './auth.emails';
import {
  findPasswordLink,
  linkHours,
  passwordLinkPath,
  requestPasswordReset,
  setPasswordWithLink,
} from './password-link.service';
import { confirmationErrors, newPasswordFields, passwordHint } from './password-rules';

export interface AuthDeps {
  config: Config;
  mailer: Mailer;
}

function renderForgot(
  req: Request,
  res: Response,
  status = 200,
  errors: FieldError[] = [],
  email = '',
) {
  res.status(status).render('auth/forgot-password', {
    pageTitle: 'Mot de passe oublié',
    sent: req.method === 'GET' && req.query.envoye === '1',
    email,
    errors,
    errorFor: errorsByField(errors),
  });
}

async function renderSetPassword(
  req: Request,
  res: Response,
  status = 200,
  errors: FieldError[] = [],
) {
  const token = String(req.params.token);
  const link = await findPasswordLink(token);
  if (!link) return res.status(404).render('auth/link-invalid', { pageTitle: 'Lien expiré' });
  res.status(status).render('auth/set-password', {
    pageTitle: link.purpose === 'invitation' ? 'Activer votre compte' : 'Nouveau mot de passe',
    action: passwordLinkPath(token),
    email: link.email,
    purpose: link.purpose,
    hint: passwordHint,
    errors,
    errorFor: errorsByField(errors),
  });
}

export function passwordLinkController({ config, mailer }: AuthDeps) {
  // GET /mot-de-passe-oublie — ask for a reset link.
  const showForgot: RequestHandler = (req, res) => renderForgot(req, res);

  // POST /mot-de-passe-oublie — the same answer whether or not the account exists.
  const forgot: RequestHandler = async (req, res) => {
    const { values, errors, typed } = await readForm<{ email: string }>(req, [emailField()]);
    if (errors.length > 0) return renderForgot(req, res, 422, errors, String(typed.email ?? ''));
    const reset = await requestPasswordReset(values.email, { ip: req.ip });
    res.redirect(303, '/mot-de-passe-oublie?envoye=1');
    // Sent once the answer is out: its time must not tell whether the address has an account.
    if (reset) {
      const link = `${config.baseUrl}${passwordLinkPath(reset.token)}`;
      res.once('finish', () => {
        mailer
          .send(resetEmail(reset.email, link, linkHours.reset))
          .catch((err: unknown) =>
            req.log.error({ err }, 'envoi du lien de mot de passe impossible'),
          );
      });
    }
  };

  // GET /mot-de-passe/nouveau/:token — the one-time link of an invitation or a reset.
  const showSetPassword: RequestHandler = (req, res) => renderSetPassword(req, res);

  // POST /mot-de-passe/nouveau/:token — stores the password and uses the link up.
  const setPassword: RequestHandler = async (req, res) => {
    const form = await readForm<{ password: string; confirmation: string }>(
      req,
      newPasswordFields(),
    );
    const errors = [...form.errors, ...confirmationErrors(form.values)];
    if (errors.length > 0) return renderSetPassword(req, res, 422, errors);
    const done = await setPasswordWithLink(String(req.params.token), form.values.password, {
      ip: req.ip,
    });
    if (!done) return res.status(404).render('auth/link-invalid', { pageTitle: 'Lien expiré' });
    await setFlash(req, 'Votre mot de passe est enregistré : vous pouvez vous connecter.');
    res.redirect(303, '/connexion');
  };

  return { showForgot, forgot, showSetPassword, setPassword };
}
