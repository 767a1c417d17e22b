export { browse, selected } from './browse';
export { applyFilters } from './facets';
export { listUrl, parseListQuery } from './list-query';
export { practiceSections } from './practice-page';
export { publishedSet } from './published-set';
export type { PublishedPractice } from './published-set';
export { compendiumRoutes } from './compendium.routes';
export { keyFiguresRoutes } from './key-figures.routes';
export { previewLocals } from './practice-page';
