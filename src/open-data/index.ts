/** Open data: the published sheets as JSON, CSV, an Atom feed and a sitemap (public layer). */
export { openDataRoutes } from './open-data.routes';
