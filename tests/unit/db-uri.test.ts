import { databaseNameIn, NoDatabaseError } from '../../src/lib/db';

describe('database URI handling', () => {
  it('when the URI names a database, then that name is used', () => {
    expect(databaseNameIn('mongodb://h1:27017,h2:27017/prod?replicaSet=rs0')).toBe('prod');
    expect(databaseNameIn('mongodb+srv://u:p@cluster.example.net/bp')).toBe('bp');
  });

  it('when the URI names no database, then none is returned', () => {
    expect(databaseNameIn('mongodb://127.0.0.1:27017/')).toBeUndefined();
    expect(databaseNameIn('mongodb://127.0.0.1:27017')).toBeUndefined();
    expect(databaseNameIn('mongodb://127.0.0.1:27017/?directConnection=true')).toBeUndefined();
  });

  it('when no database can be had, then the message names the three options', () => {
    const message = new NoDatabaseError(['FerretDB : go absent']).message;
    expect(message).toMatch(/MONGODB_URI/);
    expect(message).toMatch(/mongodb-memory-server/);
    expect(message).toMatch(/FerretDB/);
    expect(message).toMatch(/go absent/);
  });
});
