export { isImportKind } from './import.columns';
export { ImportFileError } from './import.parse';
export { importsSettled } from './import.job';
export { importFromCli } from './import.service';
export { importRoutes } from './import.routes';
export { importPersonalData } from './personal-data';
