export { syncInboxRows } from './inbox-rows';
export { inboxRows } from './inbox-cache';
export { moderationMigrations } from './moderation.migrations';
export { moderationRoutes } from './moderation.routes';
export { statusesLeadingTo } from './statuses';
export { addInboxRows, backfillInboxRows } from './inbox-rows';
