import compression from 'compression';
import express from 'express';
import type { Config } from './config';
import { backOfficeRoutes } from './back-office/back-office.routes';
import { compendiumRoutes } from './compendium/compendium.routes';
import { keyFiguresRoutes } from './compendium/key-figures.routes';
import { devRoutes } from './dev/dev.routes';
import { healthRoutes } from './health/health.routes';
import { setCsrfSecret } from './lib/http/csrf';
import { errorHandler, notFound } from './lib/http/error-handler';
import { pageCacheHits } from './lib/http/page-cache';
import { requestLogger, urlRedactor } from './lib/http/request-logger';
import { securityHeaderList, securityHeaders } from './lib/http/security';
import { viewHelpers } from './lib/http/view-helpers';
import { useViews } from './lib/http/views';
import type { Logger } from './lib/logger';
import { createMailer, type Mailer } from './lib/mail';
import { publicDir } from './lib/paths';
import { meetingsRoutes } from './meetings/meetings.routes';
import { openDataRoutes } from './open-data/open-data.routes';
import { questionnaireRoutes } from './questionnaire/questionnaire.routes';
import { referenceRoutes } from './reference/reference.routes';
import { followVocabulary } from './reference/taxonomy';
import { approvalRoutes } from './sheets/approval.controller';
import { approvalLinkRoute } from './sheets/sheet.workflow';
import { resumeLinkRoute } from './questionnaire/resume-link';
import { registrationLinkRoute } from './registrations/registration.links';
import { passwordLinkRoute } from './auth';
import { mediaRoutes } from './sheets/media.routes';
import { registrationRoutes } from './registrations/registration.routes';
import { siteRoutes } from './site/site.routes';
import { siteLocals } from './site/site.locals';
import { userMigrations } from './users/user.migrations';
import { auditMigrations } from './audit/audit.migrations';

/** The routes whose URL carries a secret token: their tokens never reach the logs. */
export const privateLinkRoutes = [
  resumeLinkRoute,
  passwordLinkRoute,
  registrationLinkRoute,
  approvalLinkRoute,
];

/** Changes to stored data the code needs, run once at start-up (src/lib/migrations.ts). */
export const migrations = [...userMigrations, ...auditMigrations];

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
  app.use(compression());
  app.use(
    '/static',
    express.static(publicDir, { maxAge: config.isProduction ? '7d' : 0, index: false }),
  );

  app.use(meetingsRoutes(config));
  app.use(registrationRoutes({ mailer, baseUrl: config.baseUrl }));
  app.use(referenceRoutes());
  app.use(questionnaireRoutes({ config, mailer }));
  app.use(approvalRoutes({ config, mailer }));
  app.use(mediaRoutes());
  app.use(backOfficeRoutes({ config, mailer }));
  if (config.devOutbox) app.use(devRoutes(config));

  app.use(notFound);
  app.use(errorHandler(config.env === 'development'));
  return app;
}
