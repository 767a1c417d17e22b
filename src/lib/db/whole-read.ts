/**
 * Documents per command when a view reads a whole collection: the embedded database decodes each
 * document it returns under its lock (0.4 to 0.9 ms for a sheet or a response, measured at 5,000
 * of each), so batches of 40 hold it under 50 ms each and writes go between two batches, where
 * the default batches held it 90 ms and a sorted read held it for all of them at once. On
 * MongoDB: only more round trips.
 */
export const wholeReadBatch = 40;
