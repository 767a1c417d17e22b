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

/** The link's « Mes données » page (the privacy feature's): what is held, exported, erased. */
export const myDataSuffix = '/mes-donnees';

/**
 * router.param('token'): loads the response before anything else (404 before any body is read).
 * A response whose person was erased opens on its « Mes données » page only, which says so.
 */
export const loadResume: RequestParamHandler = async (req, res, next, token: string) => {
  const response = await findByToken(token);
  req.resumeLink = { token, response };
  if (response.erasure && !req.path.includes(myDataSuffix)) {
    return res.redirect(303, resumePath(token, myDataSuffix));
  }
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
