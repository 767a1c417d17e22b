/** Personal data: the registry, the privacy notice and record, each person's rights, retention. */
export { noticeRoutes, privacyAdminRoutes, privacyRoutes } from './privacy.routes';
export { personalDataRegistry } from './registry';
export { reportText, runRetention, scheduleRetention } from './retention';
