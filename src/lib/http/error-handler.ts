import type { ErrorRequestHandler, RequestHandler } from 'express';
import { isDatabaseUnreachable } from '../db/unreachable';
import { AppError, NotFoundError, UnavailableError } from '../errors';

const titles: Record<number, string> = {
  400: 'Requête invalide',
  401: 'Connexion requise',
  403: 'Accès refusé',
  404: 'Page introuvable',
  405: 'Méthode non autorisée',
  413: 'Envoi trop volumineux',
  415: 'Format non pris en charge',
  422: 'Données non valides',
  429: 'Trop de demandes',
  500: 'Une erreur est survenue',
  503: 'Service momentanément indisponible',
};

const defaultMessages: Record<number, string> = {
  403: 'Vous n’avez pas accès à cette page, ou le formulaire a expiré : rechargez la page et réessayez.',
  404: 'L’adresse est peut-être mal saisie, ou la page a été déplacée.',
  413: 'Les données envoyées dépassent la taille autorisée.',
  429: 'Trop de demandes en peu de temps : merci de patienter quelques minutes avant de réessayer.',
  500: 'Le problème a été enregistré. Vous pouvez réessayer dans quelques instants.',
  503: 'Le service ne peut pas répondre pour le moment. Réessayez dans quelques minutes.',
};

/** Status of an error thrown by our code or by a library (body-parser, csrf, multer…). */
function statusOf(err: unknown): number {
  if (err instanceof AppError) return err.status;
  const candidate =
    (err as { status?: unknown; statusCode?: unknown })?.status ??
    (err as { statusCode?: unknown })?.statusCode;
  if (typeof candidate === 'number' && candidate >= 400 && candidate < 600) return candidate;
  if ((err as { name?: string })?.name === 'MulterError') return 413;
  return 500;
}

/** Unknown routes become a NotFoundError for the central handler. */
export const notFound: RequestHandler = (_req, _res, next) => next(new NotFoundError());

/**
 * The one place that turns errors into responses: French HTML page or JSON (Accept), request id
 * on the page, stack only in development. Library messages (English, technical) are not shown.
 */
export function errorHandler(showStack: boolean): ErrorRequestHandler {
  return (thrown, req, res, next) => {
    if (res.headersSent) return next(thrown);
    const requestId = String(req.id ?? '');
    // The database being down (or restarting) is an outage, not a bug: a 503 page, then retry.
    const unreachable = isDatabaseUnreachable(thrown);
    const err = unreachable ? new UnavailableError() : thrown;
    const status = statusOf(err);
    if (unreachable) {
      req.log?.warn({ err: thrown, requestId }, 'database unreachable');
      res.set('Retry-After', '10');
    } else if (status >= 500) req.log?.error({ err, requestId }, 'request failed');

    const title = titles[status] ?? titles[500];
    const message =
      err instanceof AppError && status < 500
        ? err.message
        : (defaultMessages[status] ?? 'La demande n’a pas pu aboutir.');
    const details = err instanceof AppError ? err.details : undefined;

    res.status(status);
    if (req.accepts(['html', 'json']) === 'json') {
      res.json({ error: { status, title, message, requestId, ...(details ? { details } : {}) } });
      return;
    }
    res.render('errors/error', {
      pageTitle: title,
      status,
      title,
      message,
      details,
      requestId,
      // Only for bugs: an expected refusal (400, 403, 404…) is not worth a stack, even in development.
      stack: showStack && status >= 500 && err instanceof Error ? err.stack : undefined,
    });
  };
}
