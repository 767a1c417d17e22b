import compression from 'compression';
import express from 'express';
import { passwordLinkRoute, userMigrations } from './accounts';
import { auditMigrations } from './audit';
import { backOfficeRoutes } from './back-office';
import { compendiumRoutes, keyFiguresRoutes, previewLocals, publishedSet } from './compendium';
import type { Config } from './lib/config';
import { errorHandler, notFound } from './lib/http/error-handler';
import { healthRoutes } from './lib/http/health.routes';
import { setCsrfSecret } from './lib/http/csrf';
import { pageCacheHits } from './lib/http/page-cache';
import { formPageHits } from './lib/http/form-page-cache';
import { requestLogger, urlRedactor } from './lib/http/request-logger';
import { securityHeaderList, securityHeaders } from './lib/http/security';
import { viewHelpers } from './lib/http/view-helpers';
import { useViews } from './lib/http/views';
import type { Logger } from './lib/logger';
import { createMailer, type Mailer } from './lib/mail';
import { outboxRoutes } from './lib/mail/outbox.routes';
import { publicDir } from './lib/paths';
import {
  allMeetings,
  meetingsMigrations,
  meetingsRoutes,
  publishedMeetings,
  registrationIndex,
  registrationLinkRoute,
  registrationRoutes,
} from './meetings';
import { inboxRows, moderationMigrations, syncInboxRows } from './moderation';
import { openDataRoutes } from './open-data';
import {
  onResponsesWritten,
  questionnaireMigrations,
  questionnaireRoutes,
  resumeLinkRoute,
} from './questionnaire';
import { followVocabulary, referenceRoutes } from './reference';
import {
  approvalLinkRoute,
  approvalRoutes,
  mediaRoutes,
  sheetIndex,
  sheetsAwaitingAuthor,
} from './sheets';
import { noticeRoutes, privacyRoutes } from './privacy';
import { siteLocals, siteRoutes } from './site';

/**
 * The composition root: each feature's door, in the chain's order (response → moderation →
 * editorial → meetings → public), and the hooks by which a higher layer hears of a lower one.
 */

/** The routes whose URL carries a secret token: their tokens never reach the logs. */
export const privateLinkRoutes = [
  resumeLinkRoute,
  passwordLinkRoute,
  registrationLinkRoute,
  approvalLinkRoute,
];

/** Changes to stored data the code needs, run once at start-up (src/lib/migrations.ts). */
export const migrations = [
  ...userMigrations,
  ...auditMigrations,
  ...questionnaireMigrations,
  ...moderationMigrations,
  ...meetingsMigrations,
];

/**
 * The hooks between layers, connected once per process: by the app, and by a script that writes
 * without it (`npm run import`). The inbox's rows follow every response the questionnaire writes.
 */
export function connectFeatures(): void {
  onResponsesWritten(syncInboxRows);
}

/**
 * Loads what pages read from memory (each view of lib/versioned-view.ts), before the first request
 * rather than by it: at five times a campaign, a first load takes a few seconds.
 */
export async function warmViews(): Promise<void> {
  await Promise.all([
    publishedSet(),
    sheetIndex(),
    inboxRows(),
    registrationIndex(),
    allMeetings(),
    publishedMeetings(),
  ]);
}

export interface AppDeps {
  config: Config;
  logger: Logger;
  mailer?: Mailer;
}

/** Builds the Express app without listening (tests call it with port 0 through supertest). */
export function createApp({
  config,
  logger,
  mailer = createMailer(config),
}: AppDeps): express.Express {
  connectFeatures();
  const app = express();
  app.disable('x-powered-by');
  // /questionnaire/REPRENDRE/… is not another spelling of a private link.
  app.set('case sensitive routing', true);
  setCsrfSecret(app, config.sessionSecret);
  app.set('trust proxy', config.trustProxy ? 1 : false);
  useViews(app, { cache: config.isProduction });
  Object.assign(app.locals, viewHelpers);

  const security = securityHeaderList(config.isProduction);
  const redactUrl = urlRedactor(privateLinkRoutes);
  app.use(pageCacheHits({ logger, redactUrl, securityHeaders: security }));
  app.use(formPageHits({ logger, redactUrl, securityHeaders: security }));
  app.use(requestLogger(logger, redactUrl));
  app.use(securityHeaders(security));
  app.use(siteLocals(config));
  app.use(healthRoutes());
  app.use(followVocabulary);
  // Public pages served from the page cache, already compressed: before compression().
  app.use(compendiumRoutes());
  app.use(keyFiguresRoutes());
  app.use(openDataRoutes());
  app.use(siteRoutes());
  app.use(noticeRoutes(config));
  app.use(meetingsRoutes(config));
  app.use(compression());
  const assets = { maxAge: config.isProduction ? '7d' : 0 };
  app.use('/static', express.static(publicDir, { ...assets, index: false }));
  // Browsers ask for it at the root of every site, whatever the page says.
  app.get('/favicon.ico', (_req, res) =>
    res.sendFile('favicon.ico', { ...assets, root: publicDir }),
  );

  app.use(privacyRoutes(config));
  app.use(registrationRoutes({ mailer, baseUrl: config.baseUrl }));
  app.use(referenceRoutes());
  app.use(questionnaireRoutes({ config, mailer, sheetsToReview: sheetsAwaitingAuthor }));
  app.use(approvalRoutes({ config, mailer, preview: previewLocals }));
  app.use(mediaRoutes());
  app.use(backOfficeRoutes({ config, mailer, preview: previewLocals }));
  if (config.devOutbox) app.use(outboxRoutes(config));

  app.use(notFound);
  app.use(errorHandler(config.env === 'development'));
  return app;
}
