import mongoose from 'mongoose';
import request from 'supertest';
import { connectMongoose, startDatabase } from '../../src/lib/db';
import { buildTestApp } from '../helpers/app';
import { quietLog } from '../helpers/db';

/** The embedded server kind the global setup found, so this file does not retry a download. */
const embedded = process.env.TEST_DB_SOURCE === 'mongodb-memory-server' ? 'mongodb' : 'ferretdb';

describe('health probes', () => {
  const { app } = buildTestApp();

  it('when the process runs, then GET /healthz answers 200 without a cookie', async () => {
    const res = await request(app).get('/healthz');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ status: 'ok' });
    expect(res.headers['set-cookie']).toBeUndefined();
  });

  it('when the database answers, then GET /readyz is 200; when it is stopped, then 503', async () => {
    // A server of its own, so stopping it does not disturb other test files.
    const db = await startDatabase({ embedded, log: quietLog });
    try {
      await connectMongoose(db.uri, 'health');
      const ready = await request(app).get('/readyz');
      expect(ready.status).toBe(200);
      expect(ready.body.database).toBe(true);

      await db.stop();
      const down = await request(app).get('/readyz').set('Accept', 'application/json');
      expect(down.status).toBe(503);
      expect(down.body.database).toBe(false);
    } finally {
      await mongoose.disconnect();
      await db.stop();
    }
  });
});
