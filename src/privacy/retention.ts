import { record } from '../audit';
import type { Config } from '../lib/config';
import type { Logger } from '../lib/logger';
import type { Mailer } from '../lib/mail';
import type { ReportLine } from '../lib/personal-data';
import { personalDataRegistry } from './registry';

/**
 * Applies every declared retention once: what is past its duration is deleted or anonymised,
 * drafts about to go are announced. `dryRun` counts without writing, deleting or sending. Every
 * write is conditional or idempotent, so two processes running it at once do the work once.
 */
export async function runRetention(
  config: Config,
  mailer: Mailer,
  { now = new Date(), dryRun = false } = {},
): Promise<ReportLine[]> {
  const lines: ReportLine[] = [];
  for (const declaration of personalDataRegistry(config)) {
    if (!declaration.retain) continue;
    lines.push(
      ...(await declaration.retain({ config, policy: config.retention, now, dryRun, mailer })),
    );
  }
  if (!dryRun && lines.length) {
    await record({
      actor: null,
      action: 'retention.run',
      details: Object.fromEntries(lines.map((l) => [`${l.what} (${l.how})`, l.count])),
    });
  }
  return lines;
}

export const reportText = (lines: ReportLine[]) =>
  lines.length
    ? lines.map((l) => `${l.what} : ${l.count} ${l.how}${l.count > 1 ? 's' : ''}`).join('\n')
    : 'Rien à supprimer ni à anonymiser aujourd’hui';

/** Once a day inside the server, a minute after start; the timers do not keep it alive. */
export function scheduleRetention(config: Config, mailer: Mailer, log: Logger): void {
  const run = () =>
    runRetention(config, mailer)
      .then(
        (lines) =>
          lines.length && log.info({ retention: lines }, 'Durées de conservation appliquées'),
      )
      .catch((err: unknown) => log.error({ err }, 'Durées de conservation non appliquées'));
  setTimeout(run, 60_000).unref();
  setInterval(run, 86_400_000).unref();
}
