import mongoose from 'mongoose';

/**
 * The pool errors the driver does not export: a pool closed under an operation (its server was
 * dropped while the database restarts) and a wait for a connection that ran out of time.
 */
const poolErrors = new Set(['MongoPoolClosedError', 'MongoWaitQueueTimeoutError']);

/** The driver's errors for "no database to talk to right now", as opposed to a refused query. */
export function isDatabaseUnreachable(error: unknown): boolean {
  const {
    MongoNetworkError,
    MongoServerSelectionError,
    MongoNotConnectedError,
    MongoTopologyClosedError,
    MongoServerClosedError,
  } = mongoose.mongo;
  return (
    [
      MongoNetworkError,
      MongoServerSelectionError,
      MongoNotConnectedError,
      MongoTopologyClosedError,
      MongoServerClosedError,
    ].some((type) => error instanceof type) ||
    (error instanceof mongoose.mongo.MongoDriverError && poolErrors.has(error.name))
  );
}
