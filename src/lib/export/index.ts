export { cellText, joinValues, neutralise, type Cell } from './cells';
export { csvLine, streamCsv } from './csv';
export { streamXlsx } from './xlsx';
