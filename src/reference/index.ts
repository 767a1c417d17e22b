export {
  commune,
  communesOf,
  department,
  departments,
  departmentsOf,
  region,
  regions,
} from './geography';
export { normaliseQpvCode, qpvGeneration } from './qpv';
export { regionTile, tiledRegions } from './region-tiles';
export {
  currentTaxonomy,
  isActiveTerm,
  publicTerms,
  seedTaxonomy,
  taxonomy,
  taxonomyKinds,
  taxonomyLabel,
  taxonomyOptions,
  vocabularyChanged,
} from './taxonomy';
export type { Option, TaxonomyKind } from './taxonomy';
export { TermModel } from './term.model';
export { activeCodes, codesFor, termsOf } from './terms';
export { followVocabulary } from './taxonomy';
export { referenceRoutes } from './reference.routes';
