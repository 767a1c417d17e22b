import mongoose from 'mongoose';
import { isDatabaseUnreachable } from '../../src/lib/db/unreachable';

// The driver's pool errors are not exported from its entry point: taken from Mongoose's driver.
const driverErrors = require.resolve('mongodb/lib/cmap/errors', {
  paths: [require.resolve('mongoose')],
});
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { PoolClosedError } = require(driverErrors) as {
  PoolClosedError: new (pool: { address: string }) => Error;
};

describe('errors that mean the database cannot be reached (a 503 page, not a 500)', () => {
  it('when the driver loses its server while the database restarts, then the error counts as unreachable', () => {
    expect(isDatabaseUnreachable(new mongoose.mongo.MongoServerClosedError())).toBe(true);
    expect(isDatabaseUnreachable(new PoolClosedError({ address: '127.0.0.1:27017' }))).toBe(true);
    expect(isDatabaseUnreachable(new mongoose.mongo.MongoNetworkError('socket closed'))).toBe(true);
  });

  it('when the database refuses a query or the code fails, then it does not', () => {
    const duplicate = new mongoose.mongo.MongoServerError({ message: 'E11000', code: 11000 });
    expect(isDatabaseUnreachable(duplicate)).toBe(false);
    expect(isDatabaseUnreachable(new mongoose.mongo.MongoDriverError('bad option'))).toBe(false);
    expect(isDatabaseUnreachable(new Error('bug'))).toBe(false);
  });
});
