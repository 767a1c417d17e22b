import type { Request, RequestParamHandler } from 'express';
import { NotFoundError } from '../lib/errors';
import type { Section } from './definition.types';
import { sectionBySlug } from './questionnaire';
import type { SurveyResponse } from './response.model';
import { findByToken } from './response.service';

/** The respondent's private link: its token is a secret (hashed in the database, kept out of logs). */
export const resumeLinkRoute = '/questionnaire/reprendre/:token';

/** A page of the respondent's private link. */
export function resumePath(token: string, rest = ''): string {
  return `/questionnaire/reprendre/${token}${rest}`;
}

/**
 * What a resume URL (/questionnaire/reprendre/:token/:section) designates, loaded once per
 * request by the router's param handlers, before any body is read.
 */
declare module 'express-serve-static-core' {
  interface Request {
    /** The response of the URL's resume token, loaded once by `loadResume`. */
    resumeLink?: { token: string; response: SurveyResponse };
    /** The questionnaire page of the URL, set by `loadSection`. */
    resumeSection?: Section;
  }
}

/** router.param('token'): loads the response before anything else (404 before any body is read). */
export const loadResume: RequestParamHandler = async (req, _res, next, token: string) => {
  req.resumeLink = { token, response: await findByToken(token) };
  next();
};

/** router.param('section'): the page of the questionnaire named in the URL, or 404. */
export const loadSection: RequestParamHandler = (req, _res, next, slug: string) => {
  req.resumeSection = sectionBySlug(slug);
  next(
    req.resumeSection ? undefined : new NotFoundError('Cette étape du questionnaire n’existe pas'),
  );
};

/** The response (and the page) of the URL, as the param handlers loaded them. */
export function resumeOf(req: Request) {
  if (!req.resumeLink) throw new Error('loadResume must be mounted with router.param');
  return { ...req.resumeLink, section: req.resumeSection! };
}
