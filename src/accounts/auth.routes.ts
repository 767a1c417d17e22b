import { Router } from 'express';
import type { AuthPassport } from './passport';
import { limitPerIp } from '../lib/http/rate-limit';
import { csrfProtection } from '../lib/http/session';
import { accountController } from './account.controller';
import { requireUser } from './guards';
import { loginController } from './login.controller';
import { passwordLinkController, type AuthDeps } from './password-link.controller';
import { passwordLinkRoute } from './password-link.service';
import * as secondFactor from './second-factor.controller';

/**
 * Login (password, then second factor or enrolment), logout, one-time password links and the
 * account page. The session stack (authSession) runs before these routes.
 */
export function authRoutes(deps: AuthDeps & { passport: AuthPassport }): Router {
  const router = Router();
  const login = loginController(deps.passport);
  const links = passwordLinkController(deps);
  const account = accountController();
  const codeLimit = limitPerIp('codes', 20, 15);
  const signedIn = [requireUser, csrfProtection];

  router.get('/connexion', csrfProtection, login.show);
  router.post('/connexion', limitPerIp('connexion', 20, 15), csrfProtection, login.login);
  router.get('/connexion/verification', csrfProtection, secondFactor.showVerify);
  router.post('/connexion/verification', codeLimit, csrfProtection, secondFactor.verify);
  router.get('/connexion/activation', csrfProtection, secondFactor.showEnrol);
  router.post('/connexion/activation', codeLimit, csrfProtection, secondFactor.enrol);
  router.post('/deconnexion', csrfProtection, login.logout);

  router.get('/mot-de-passe-oublie', csrfProtection, links.showForgot);
  router.post(
    '/mot-de-passe-oublie',
    limitPerIp('mot-de-passe-oublie', 5, 15),
    csrfProtection,
    links.forgot,
  );
  router.get(passwordLinkRoute, csrfProtection, links.showSetPassword);
  router.post(
    passwordLinkRoute,
    limitPerIp('liens-mot-de-passe', 20, 15),
    csrfProtection,
    links.setPassword,
  );

  router.get('/moderation/compte', ...signedIn, account.show);
  router.post('/moderation/compte/mot-de-passe', ...signedIn, account.updatePassword);
  router.get('/moderation/compte/double-authentification', ...signedIn, account.showEnrol);
  router.post('/moderation/compte/double-authentification', ...signedIn, account.enrol);
  router.post(
    '/moderation/compte/double-authentification/desactivation',
    ...signedIn,
    account.disable,
  );
  router.post('/moderation/compte/codes-de-secours', ...signedIn, account.renewCodes);
  return router;
}
