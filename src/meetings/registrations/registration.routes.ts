import express, { Router, type RequestHandler } from 'express';
import { csrfProtection } from '../../lib/http/csrf';
import { limitPerIp } from '../../lib/http/rate-limit';
import { isSlugSegment } from '../../lib/text';
import { cancel, change, erase, showPersonal } from './personal-link.controller';
import { showForm, submit } from './registration.controller';
import { registrationLinkRoute, type RegistrationDeps } from './registration.links';

/** Forms and personal pages hold personal data: never cached. */
const noStore: RequestHandler = (_req, res, next) => {
  res.set('Cache-Control', 'no-store');
  next();
};

const validSlug: RequestHandler = (req, _res, next) =>
  isSlugSegment(String(req.params.slug)) ? next() : next('route');

/**
 * Registration to a meeting, without sessions (signed CSRF token), and the personal link's pages
 * (the token in the URL identifies the registration; it is stored hashed).
 */
export function registrationRoutes(deps: RegistrationDeps): Router {
  const router = Router({ caseSensitive: true });
  const form = express.urlencoded({ extended: false, limit: '50kb', parameterLimit: 100 });
  const base = '/rencontres/:slug/inscription';
  const personal = registrationLinkRoute;

  router.get(base, validSlug, noStore, csrfProtection, showForm);
  router.post(
    base,
    validSlug,
    noStore,
    limitPerIp('inscriptions', 20, 60),
    form,
    csrfProtection,
    submit(deps),
  );
  router.get(personal, validSlug, noStore, csrfProtection, showPersonal);
  const changes = limitPerIp('inscriptions-modifications', 60, 15);
  router.post(
    `${personal}/atelier`,
    validSlug,
    noStore,
    changes,
    form,
    csrfProtection,
    change(deps),
  );
  router.post(
    `${personal}/annulation`,
    validSlug,
    noStore,
    changes,
    form,
    csrfProtection,
    cancel(deps),
  );
  router.post(`${personal}/effacement`, validSlug, noStore, changes, form, csrfProtection, erase);
  return router;
}
