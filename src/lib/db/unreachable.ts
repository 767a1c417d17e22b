import mongoose from 'mongoose';

/** The driver's errors for "no database to talk to right now", as opposed to a refused query. */
export function isDatabaseUnreachable(error: unknown): boolean {
  const {
    MongoNetworkError,
    MongoServerSelectionError,
    MongoNotConnectedError,
    MongoTopologyClosedError,
  } = mongoose.mongo;
  return [
    MongoNetworkError,
    MongoServerSelectionError,
    MongoNotConnectedError,
    MongoTopologyClosedError,
  ].some((type) => error instanceof type);
}
