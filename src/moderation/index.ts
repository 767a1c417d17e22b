export { syncInboxRows } from './inbox-rows';
export { moderationMigrations } from './moderation.migrations';
export { moderationRoutes } from './moderation.routes';
export { statusesLeadingTo } from './statuses';
export { backfillInboxRows } from './inbox-rows';
