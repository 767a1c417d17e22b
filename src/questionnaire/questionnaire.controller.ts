import type { RequestHandler, Response } from 'express';
import type { Config } from '../lib/config';
import { isEmail } from '../lib/email-address';
import { AppError } from '../lib/errors';
import { campaignVariant, campaignState, frenchDate, type CampaignState } from './campaign';
import { cachedFormPage } from '../lib/http/form-page-cache';
import { renderPage } from '../lib/http/page-cache';
import { lineField, readForm } from '../lib/http/form';
import { resumeLinkEmail } from './questionnaire.emails';
import { sections } from './questionnaire';
import { formValues, sectionPage, taskList } from './questionnaire.views';
import { createDraft } from './response.service';
import { resumeOf, resumePath } from './resume-link';
import type { QuestionnaireDeps } from './questionnaire.deps';

export const honeypotField = 'site_web';

/** Answers with the « closed » page when the campaign is not open; true when it did. */
function closedView(config: Config, res: Response) {
  const state = campaignState(config.questionnaire);
  if (state.open) return false;
  res.status(403).render('questionnaire/closed', closedLocals(state));
  return true;
}

function closedLocals(state: Exclude<CampaignState, { open: true }>) {
  return { pageTitle: 'Questionnaire fermé', reason: state.reason, date: frenchDate(state.date) };
}

function introLocals(config: Config) {
  const { opensAt, closesAt } = config.questionnaire;
  return {
    pageTitle: 'Questionnaire',
    stepCount: sections.length,
    sectionTitles: sections.map((s) => s.title),
    opensAt: opensAt && frenchDate(opensAt),
    closesAt: closesAt && frenchDate(closesAt),
    email: '',
    errors: [],
    errorFor: {},
    honeypotField,
    retention: config.retention,
    controller: config.controller,
  };
}

function renderIntro(config: Config, res: Response, status: number, extra: object) {
  res.status(status).render('questionnaire/intro', { ...introLocals(config), ...extra });
}

const badEmail =
  'Saisissez une adresse e-mail valide, par exemple nom@exemple.fr, ou laissez le champ vide';

export function introController({ config, mailer }: QuestionnaireDeps) {
  // GET /questionnaire — purpose, time needed, publication, privacy, dates, « Commencer ».
  // Rendered once a day for everyone (the campaign opens and closes by the day), each visitor's
  // form token put in.
  const show = cachedFormPage(async (_req, res) => {
    const state = campaignState(config.questionnaire);
    if (!state.open) {
      const page = await renderPage(res, 'questionnaire/closed', closedLocals(state));
      return { ...page, status: 403 };
    }
    return renderPage(res, 'questionnaire/intro', introLocals(config));
  }, campaignVariant(config.questionnaire));

  // POST /questionnaire/commencer — creates a draft and its private resume link.
  const start: RequestHandler = async (req, res) => {
    if (closedView(config, res)) return;
    const { values, errors: invalid } = await readForm<Record<string, string>>(req, [
      lineField(honeypotField),
      lineField('email', { max: 254 }),
    ]);
    if (values[honeypotField]) {
      // A robot filled the hidden field: store nothing, say nothing useful.
      throw new AppError(400, 'Votre demande n’a pas pu être traitée.');
    }
    const email = values.email;
    if (invalid.some((e) => e.field === 'email') || (email && !isEmail(email))) {
      const errors = [{ field: 'email', message: badEmail }];
      return renderIntro(config, res, 422, { email, errors, errorFor: { email: badEmail } });
    }
    const { token } = await createDraft(email || undefined);
    if (email) {
      await mailer
        .send(resumeLinkEmail(email, `${config.baseUrl}${resumePath(token)}`))
        .catch((err: unknown) => req.log.error({ err }, 'envoi du lien de reprise impossible'));
    }
    res.redirect(303, `${resumePath(token)}?nouveau=1`);
  };

  return { show, start };
}

/** How many files the « added » notice may mention: a count from 1 to what is there, else 0. */
function addedCount(raw: unknown, attachments: number): number {
  const n = typeof raw === 'string' && /^\d{1,2}$/.test(raw) ? Number(raw) : 0;
  return Math.min(n, attachments);
}

export function sectionController(deps: QuestionnaireDeps) {
  const { config } = deps;
  // GET /questionnaire/reprendre/:token — overview of the sections (task list).
  const tasks: RequestHandler = async (req, res) => {
    const { token, response } = resumeOf(req);
    const list = taskList(response);
    res.render('questionnaire/tasks', {
      pageTitle: 'Votre réponse',
      token,
      resumeUrl: `${config.baseUrl}${resumePath(token)}`,
      isNew: req.query.nouveau === '1',
      saved: req.query.enregistre === '1',
      tasks: list,
      done: list.filter((t) => t.state === 'termine').length,
      next: list.find((t) => t.state !== 'termine') ?? list[0],
      submitted: response.status === 'envoyee',
      reference: response.reference,
      open: campaignState(config.questionnaire).open,
      sheetsToReview: await deps.sheetsToReview(response._id),
    });
  };

  // GET /questionnaire/reprendre/:token/:section — one page of the questionnaire.
  const show: RequestHandler = async (req, res) => {
    const { token, response, section } = resumeOf(req);
    if (!campaignState(config.questionnaire).open) {
      res.redirect(303, resumePath(token));
      return;
    }
    const form = formValues(section!, response.answers);
    const added = addedCount(req.query.ajoutes, response.attachments.length);
    res.render('questionnaire/section', {
      ...sectionPage(response, section!, {
        token,
        form,
        errors: [],
        fromReview: req.query.retour === 'verification',
        limits: config.uploads,
      }),
      added,
    });
  };

  return { tasks, show };
}
