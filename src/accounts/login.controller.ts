import type { Request, RequestHandler, Response } from 'express';
import type { AuthPassport } from './passport';
import { errorsByField, lineField, readForm, secretField, type FieldError } from '../lib/http/form';
import { endSession, startPendingLogin, startSession } from './auth-session';
import { finishLogin, needsSecondFactor, recordLogout, type LoginUser } from './login.service';
import { safeReturnPath } from './return-path';

export const loginFailedMessage =
  'Adresse e-mail ou mot de passe incorrect. Après 5 essais infructueux, la connexion au compte est suspendue 15 minutes.';

const notices: Record<string, string> = {
  expiree: 'Votre session a expiré : connectez-vous de nouveau.',
  deconnexion: 'Vous êtes déconnecté.',
};

const loginFields = () => [
  lineField('email', { required: 'Saisissez votre adresse e-mail', max: 254 }),
  secretField('password', 'Saisissez votre mot de passe'),
  lineField('retour'),
];

/** The login page; after a POST, with the address and the way back that were sent. */
export function renderLogin(
  req: Request,
  res: Response,
  status = 200,
  errors: FieldError[] = [],
  sent: { email?: string; retour?: string } = {},
): void {
  const notice = Object.keys(notices).find((key) => req.query[key] === '1');
  res.status(status).render('auth/login', {
    pageTitle: 'Connexion',
    email: sent.email ?? '',
    retour: safeReturnPath(req.method === 'POST' ? sent.retour : req.query.retour),
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
    const { values, errors } = await readForm<Record<'email' | 'password' | 'retour', string>>(
      req,
      loginFields(),
    );
    if (errors.length > 0) return renderLogin(req, res, 422, errors, values);
    const retour = safeReturnPath(values.retour);
    const user = await new Promise<LoginUser | false>((resolve, reject) => {
      passport.authenticate('local', (err: unknown, found: LoginUser | false) =>
        err ? reject(err) : resolve(found),
      )(req, res, next);
    });
    const failed = [{ field: 'email', message: loginFailedMessage }];
    if (!user) return renderLogin(req, res, 422, failed, values);
    if (needsSecondFactor(user)) {
      await startPendingLogin(req, user.id, retour);
      return res.redirect(
        303,
        user.totpEnabled ? '/connexion/verification' : '/connexion/activation',
      );
    }
    if (!(await completeLogin(req, user.id, 'password'))) {
      return renderLogin(req, res, 422, failed, values);
    }
    res.redirect(303, retour);
  };

  // POST /deconnexion — the stored session is deleted.
  const logout: RequestHandler = async (req, res) => {
    if (req.user) await recordLogout(req.user, req.ip);
    await endSession(req);
    res.redirect(303, '/connexion?deconnexion=1');
  };

  return { show, login, logout };
}
