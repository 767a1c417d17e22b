/**
 * The national recueil: its chapters, the sheets selected for each and their order
 * (editorial layer, above the sheets).
 */
export { recueilRoutes } from './recueil.routes';
export { recueilSection } from './recueil.section';
export { RecueilChapterModel } from './recueil-chapter.model';
