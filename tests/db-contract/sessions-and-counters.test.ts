import { promisify } from 'node:util';
import MongoStore from 'connect-mongo';
import type { Options } from 'express-rate-limit';
import type { SessionData } from 'express-session';
import mongoose from 'mongoose';
import { MongoRateLimitStore } from '../../src/lib/http/rate-limit-store';
import { useTestDatabase } from '../helpers/db';
import { contract, rawDb } from './contract';

const { name } = useTestDatabase();

function sessionStore() {
  const store = MongoStore.create({
    client: mongoose.connection.getClient() as unknown as Parameters<
      typeof MongoStore.create
    >[0]['client'],
    dbName: name,
    collectionName: 'sessions',
    ttl: 3600,
    autoRemove: 'disabled',
  });
  return {
    set: promisify(store.set.bind(store)),
    get: promisify(store.get.bind(store)),
    touch: promisify(store.touch.bind(store)),
    destroy: promisify(store.destroy.bind(store)),
  };
}

const session = (expires: Date, csrfToken: string) =>
  ({ cookie: { originalMaxAge: 3_600_000, expires }, csrfToken }) as unknown as SessionData;
const inOneHour = () => new Date(Date.now() + 3_600_000);
const stored = (sid: string) =>
  rawDb().collection<{ _id: string; expires: Date }>('sessions').findOne({ _id: sid });

contract('connect-mongo session store', () => {
  it('when a session is saved, then it is read back; once destroyed, then it is gone', async () => {
    const store = sessionStore();
    await store.set('sid-1', session(inOneHour(), 'jeton-1'));
    expect(await store.get('sid-1')).toMatchObject({ csrfToken: 'jeton-1' });
    await store.set('sid-1', session(inOneHour(), 'jeton-2'));
    expect(await store.get('sid-1')).toMatchObject({ csrfToken: 'jeton-2' });
    await store.destroy('sid-1');
    expect(await store.get('sid-1')).toBeNull();
  });

  it('when a session has expired, then it is not read back', async () => {
    const store = sessionStore();
    await store.set('sid-2', session(new Date(Date.now() - 1000), 'périmé'));
    expect(await stored('sid-2')).not.toBeNull();
    expect(await store.get('sid-2')).toBeNull();
  });

  it('when a session is touched, then its expiry moves', async () => {
    const store = sessionStore();
    const soon = new Date(Date.now() + 60_000);
    await store.set('sid-3', session(soon, 'x'));
    const later = new Date(Date.now() + 7_200_000);
    await store.touch('sid-3', session(later, 'x'));
    expect((await stored('sid-3'))?.expires).toEqual(later);
  });
});

contract('rate-limit store', () => {
  const windowMs = 60_000;
  const limiterStore = () => {
    const store = new MongoRateLimitStore('contrat');
    store.init({ windowMs } as Options);
    return store;
  };

  it('when 40 hits of one client arrive at once, then each gets its own count, from 1 to 40', async () => {
    const store = limiterStore();
    const hits = await Promise.all(Array.from({ length: 40 }, () => store.increment('1.2.3.4')));
    expect(hits.map((h) => h.totalHits).sort((a, b) => a - b)).toEqual(
      Array.from({ length: 40 }, (_, i) => i + 1),
    );
  });

  it('when a hit is taken back, then the count drops by one; when reset, then it starts again', async () => {
    const store = limiterStore();
    await store.increment('5.6.7.8');
    await store.increment('5.6.7.8');
    await store.decrement('5.6.7.8');
    expect((await store.increment('5.6.7.8')).totalHits).toBe(2);
    await store.resetKey('5.6.7.8');
    expect((await store.increment('5.6.7.8')).totalHits).toBe(1);
  });
});
