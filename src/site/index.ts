/** The public site's frame: home and legal pages, and what every page's layout shows. */
export { siteLocals } from './site.locals';
export { siteRoutes } from './site.routes';
