export { MeetingModel, slotKinds } from './meeting.model';
export type { SlotKind } from './meeting.model';
export { anonymiseDueRegistrations, scheduleAnonymisation } from './registrations/anonymise';
export { meetingsAdminRoutes } from './admin/meetings-admin.routes';
export { meetingsRoutes } from './meetings.routes';
export { registrationLinkRoute } from './registrations/registration.links';
export { registrationRoutes } from './registrations/registration.routes';
export { selectionRoutes } from './selection/selection.routes';
export { workshopsSection } from './selection/sheet-section';
