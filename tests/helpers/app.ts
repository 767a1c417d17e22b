import { createApp } from '../../src/app';
import { loadConfig, type Config } from '../../src/lib/config';
import { createLogger } from '../../src/lib/logger';
import type { Mailer, MailMessage } from '../../src/lib/mail';

/** The real app with a test configuration (env overrides as strings, like process.env). */
export function buildTestApp(
  env: Record<string, string> = {},
  deps: { mailer?: Mailer } = {},
): {
  app: ReturnType<typeof createApp>;
  config: Config;
} {
  const config = loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent', ...env });
  return { app: createApp({ config, logger: createLogger('silent'), ...deps }), config };
}

/** A mailer that keeps messages in memory, for tests that follow a link from an e-mail. */
export function captureMailer(): Mailer & { sent: MailMessage[]; linkTo(email: string): string } {
  const sent: MailMessage[] = [];
  return {
    kind: 'outbox',
    sent,
    async send(message) {
      sent.push(message);
    },
    /** The path of the last link e-mailed to that address. */
    linkTo(email) {
      const message = [...sent].reverse().find((m) => m.to === email);
      const link = message?.text.match(/https?:\/\/\S+/)?.[0];
      if (!link) throw new Error(`no link e-mailed to ${email}`);
      return new URL(link).pathname;
    },
  };
}
