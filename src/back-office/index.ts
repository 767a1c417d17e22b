/** The back office put together: every feature's signed-in pages and their navigation. */
export { backOfficeRoutes } from './back-office.routes';
