import type { ErrorRequestHandler, RequestHandler } from 'express';
import { AppError, NotFoundError } from '../errors';

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
  return (err, req, res, next) => {
    if (res.headersSent) return next(err);
    const status = statusOf(err);
    const requestId = String(req.id ?? '');
    if (status >= 500) req.log?.error({ err, requestId }, 'request failed');

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
      stack: showStack && err instanceof Error ? err.stack : undefined,
    });
  };
}
