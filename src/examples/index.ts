export { examplesRoutes } from './examples.controller';
export {
  anyExample,
  countExamples,
  countsText,
  examplesRemoved,
  removeExamples,
} from './examples.service';
export type { ExampleCounts } from './examples.service';
