/**
 * The small family of expected errors. Services throw them; the central error handler maps them
 * to French pages (or JSON). Anything else is a bug: logged with the request id, generic 500.
 */
export class AppError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly details?: Record<string, unknown>,
  ) {
    super(message);
    this.name = new.target.name;
  }
}

export class NotFoundError extends AppError {
  constructor(message = 'Page introuvable', details?: Record<string, unknown>) {
    super(404, message, details);
  }
}

export class UnauthorizedError extends AppError {
  constructor(message = 'Connectez-vous pour accéder à cette page') {
    super(401, message);
  }
}

export class ForbiddenError extends AppError {
  constructor(message = 'Accès refusé') {
    super(403, message);
  }
}

export class ConflictError extends AppError {
  constructor(message = 'Conflit avec l’état actuel de la ressource') {
    super(409, message);
  }
}

export class ValidationFailedError extends AppError {
  constructor(
    message = 'Les données envoyées ne sont pas valides',
    details?: Record<string, unknown>,
  ) {
    super(422, message, details);
  }
}

export class TooManyRequestsError extends AppError {
  constructor(
    message = 'Trop de demandes : merci de patienter quelques minutes avant de réessayer',
  ) {
    super(429, message);
  }
}

export class UnavailableError extends AppError {
  constructor(message = 'Service momentanément indisponible') {
    super(503, message);
  }
}
