import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import mongoose from 'mongoose';
import { execFileSync } from 'node:child_process';
import { startDatabase } from '../../src/lib/db';
import { ferretdbSourceHash, findOrBuildFerretDB } from '../../src/lib/db/ferretdb';
import { quietLog } from '../helpers/db';

async function withClient<T>(uri: string, fn: (db: mongoose.mongo.Db) => Promise<T>): Promise<T> {
  const client = new mongoose.mongo.MongoClient(uri);
  await client.connect();
  try {
    return await fn(client.db('launcher-test'));
  } finally {
    await client.close();
  }
}

describe('embedded FerretDB launcher', () => {
  it('when started in a temp dir, then it answers ping, and after stop it is not restarted', async () => {
    const db = await startDatabase({ embedded: 'ferretdb', log: quietLog });
    expect(db.source).toBe('FerretDB');
    const pong = await withClient(db.uri, (d) => d.admin().ping());
    expect(pong.ok).toBe(1);
    await db.stop();
    await new Promise((r) => setTimeout(r, 1000)); // longer than the first restart delay
    const client = new mongoose.mongo.MongoClient(db.uri, { serverSelectionTimeoutMS: 500 });
    await expect(client.connect()).rejects.toThrow();
    await client.close();
  });

  it('when started in persistent mode, then data survives a restart', async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'bp-persist-'));
    try {
      const first = await startDatabase({ embedded: 'ferretdb', dataDir, log: quietLog });
      await withClient(first.uri, (d) => d.collection('notes').insertOne({ text: 'conservée' }));
      await first.stop();
      expect(fs.existsSync(path.join(dataDir, 'ferretdb'))).toBe(true);

      const second = await startDatabase({ embedded: 'ferretdb', dataDir, log: quietLog });
      const found = await withClient(second.uri, (d) =>
        d.collection('notes').findOne({ text: 'conservée' }),
      );
      await second.stop();
      expect(found?.text).toBe('conservée');
    } finally {
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  });

  it('when MONGODB_URI is given, then it is used as is without starting anything', async () => {
    const db = await startDatabase({
      mongodbUri: 'mongodb://db.example:27017/x',
      embedded: 'auto',
      log: quietLog,
    });
    expect(db).toMatchObject({ source: 'MONGODB_URI', uri: 'mongodb://db.example:27017/x' });
    await db.stop();
  });

  it('when the binary is looked up, then it is the one built from the current tools/ferretdb sources', async () => {
    const binary = await findOrBuildFerretDB(() => undefined);
    const hash = ferretdbSourceHash();
    expect(path.basename(binary)).toBe(`ferretdb-${hash}`);
    expect(execFileSync(binary, ['--version'], { encoding: 'utf8' })).toContain(`sources ${hash}`);
  });

  it('when FERRETDB_BIN names a FerretDB built from other sources, then the launcher refuses it', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bp-ferretdb-bin-'));
    const official = path.join(dir, 'ferretdb');
    fs.writeFileSync(official, '#!/bin/sh\necho "ferretdb v1.24.2"\n', { mode: 0o755 });
    process.env.FERRETDB_BIN = official;
    try {
      await expect(findOrBuildFerretDB(() => undefined)).rejects.toThrow(/FERRETDB_BIN/);
    } finally {
      delete process.env.FERRETDB_BIN;
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
