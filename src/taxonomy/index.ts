/** The vocabularies' administration: add, rename, retire and merge terms (editorial layer). */
export { taxonomyRoutes } from './taxonomy.routes';
