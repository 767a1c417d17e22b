import { createApp } from '../../src/app';
import { loadConfig, type Config } from '../../src/config';
import { createLogger } from '../../src/lib/logger';

/** The real app with a test configuration (env overrides as strings, like process.env). */
export function buildTestApp(env: Record<string, string> = {}): {
  app: ReturnType<typeof createApp>;
  config: Config;
} {
  const config = loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent', ...env });
  return { app: createApp({ config, logger: createLogger('silent') }), config };
}
