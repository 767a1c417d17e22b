import type { Request, RequestHandler, Response } from 'express';
import { body } from 'express-validator';
import type { AuthPassport } from './passport';
import {
  errorsByField,
  isText,
  textField,
  validateForm,
  type FieldError,
} from '../lib/http/validate';
import { endSession, startPendingLogin, startSession } from './auth-session';
import { finishLogin, needsSecondFactor, type LoginUser } from './login.service';
import { record } from '../audit';
import { safeReturnPath } from './return-path';

export const loginFailedMessage =
  'Adresse e-mail ou mot de passe incorrect. Après 5 essais infructueux, la connexion au compte est suspendue 15 minutes.';

const notices: Record<string, string> = {
  expiree: 'Votre session a expiré : connectez-vous de nouveau.',
  deconnexion: 'Vous êtes déconnecté.',
};

const loginRules = [
  body('email')
    .custom(isText)
    .withMessage('Saisissez votre adresse e-mail')
    .bail()
    .trim()
    .notEmpty()
    .withMessage('Saisissez votre adresse e-mail'),
  body('password')
    .custom(isText)
    .withMessage('Saisissez votre mot de passe')
    .bail()
    .notEmpty()
    .withMessage('Saisissez votre mot de passe'),
];

export function renderLogin(
  req: Request,
  res: Response,
  status = 200,
  errors: FieldError[] = [],
): void {
  const notice = Object.keys(notices).find((key) => req.query[key] === '1');
  res.status(status).render('auth/login', {
    pageTitle: 'Connexion',
    email: textField(req.body, 'email'),
    retour: safeReturnPath(
      req.method === 'POST' ? textField(req.body, 'retour') : req.query.retour,
    ),
    notice: notice && notices[notice],
    errors,
    errorFor: errorsByField(errors),
  });
}

/**
 * Ends a login once every factor is done: failures cleared (unless locked meanwhile), new session
 * id, timestamps. False when the account may no longer log in.
 */
export async function completeLogin(
  req: Request,
  userId: string,
  method: Parameters<typeof finishLogin>[1],
): Promise<boolean> {
  const user = await finishLogin(userId, method, { ip: req.ip });
  if (!user) return false;
  await startSession(req, user, method !== 'password');
  return true;
}

export function loginController(passport: AuthPassport) {
  // GET /connexion — the login form (a signed-in user goes straight on).
  const show: RequestHandler = (req, res) => {
    if (req.user) return res.redirect(303, safeReturnPath(req.query.retour));
    renderLogin(req, res);
  };

  // POST /connexion — password step; then the second factor, or straight in.
  const login: RequestHandler = async (req, res, next) => {
    const errors = await validateForm(req, loginRules);
    if (errors.length > 0) return renderLogin(req, res, 422, errors);
    const retour = safeReturnPath(textField(req.body, 'retour'));
    const user = await new Promise<LoginUser | false>((resolve, reject) => {
      passport.authenticate('local', (err: unknown, found: LoginUser | false) =>
        err ? reject(err) : resolve(found),
      )(req, res, next);
    });
    const failed = [{ field: 'email', message: loginFailedMessage }];
    if (!user) return renderLogin(req, res, 422, failed);
    if (needsSecondFactor(user)) {
      await startPendingLogin(req, user.id, retour);
      return res.redirect(
        303,
        user.totpEnabled ? '/connexion/verification' : '/connexion/activation',
      );
    }
    if (!(await completeLogin(req, user.id, 'password'))) {
      return renderLogin(req, res, 422, failed);
    }
    res.redirect(303, retour);
  };

  // POST /deconnexion — the stored session is deleted.
  const logout: RequestHandler = async (req, res) => {
    if (req.user) await record({ actor: req.user, action: 'logout', ip: req.ip });
    await endSession(req);
    res.redirect(303, '/connexion?deconnexion=1');
  };

  return { show, login, logout };
}
