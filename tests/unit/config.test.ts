import { productionEnv } from '../helpers/production';
import { ConfigError, loadConfig } from '../../src/lib/config';

describe('configuration', () => {
  it('when nothing is set, then development defaults apply', () => {
    const config = loadConfig({});
    expect(config.port).toBe(3000);
    expect(config.env).toBe('development');
    expect(config.baseUrl).toBe('http://localhost:3000');
    expect(config.uploads.maxFileBytes).toBe(10 * 1024 * 1024);
    expect(config.sessionSecret.length).toBeGreaterThanOrEqual(32);
    expect(config.seedOnStart).toBe(true);
    expect(config.devOutbox).toBe(false);
  });

  it('when NODE_ENV=production and SEED_ON_START is unset, then no demo data is loaded on start', () => {
    const production = productionEnv;
    expect(loadConfig(production).seedOnStart).toBe(false);
    expect(loadConfig({ ...production, SEED_ON_START: 'true' }).seedOnStart).toBe(true);
    expect(loadConfig({ SEED_ON_START: 'false' }).seedOnStart).toBe(false);
  });

  it('when DEV_OUTBOX=true, then the outbox page is on outside production and refused in production', () => {
    expect(loadConfig({ DEV_OUTBOX: 'true' }).devOutbox).toBe(true);
    expect(() => loadConfig({ ...productionEnv, DEV_OUTBOX: 'true' })).toThrow(/DEV_OUTBOX/);
  });

  it('when PORT is not a number, then start-up stops naming PORT', () => {
    expect(() => loadConfig({ PORT: 'abc' })).toThrow(ConfigError);
    expect(() => loadConfig({ PORT: 'abc' })).toThrow(/PORT/);
    expect(() => loadConfig({ PORT: '70000' })).toThrow(/PORT/);
  });

  it('when NODE_ENV=production without SESSION_SECRET, then start-up stops naming SESSION_SECRET', () => {
    expect(() => loadConfig({ ...productionEnv, SESSION_SECRET: '' })).toThrow(/SESSION_SECRET/);
  });

  it('when NODE_ENV=production with a long SESSION_SECRET, then the config loads', () => {
    const config = loadConfig(productionEnv);
    expect(config.isProduction).toBe(true);
    expect(config.sessionSecret).toBe('s'.repeat(40));
    expect(config.controller.configured).toBe(true);
  });

  it('when several variables are wrong, then each one is named', () => {
    try {
      loadConfig({ PORT: '-1', MONGODB_URI: 'http://nope', LOG_LEVEL: 'verbose' });
      throw new Error('should have thrown');
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigError);
      const message = (error as Error).message;
      expect(message).toMatch(/PORT/);
      expect(message).toMatch(/MONGODB_URI/);
      expect(message).toMatch(/LOG_LEVEL/);
    }
  });

  it('when a variable is an empty string, then it counts as unset', () => {
    expect(loadConfig({ MONGODB_URI: '', PORT: '' }).mongodbUri).toBeUndefined();
  });
});
