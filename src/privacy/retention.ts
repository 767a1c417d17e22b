import { record } from '../audit';
import type { Config } from '../lib/config';
import type { Logger } from '../lib/logger';
import type { Mailer } from '../lib/mail';
import type { ReportLine } from '../lib/personal-data';
import { parisMidnight, parisToday } from '../lib/paris-time';
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

/** The next 03:30 in Paris after `now`: the job runs when nobody uses the platform. */
export function nextNightlyRun(now: Date): Date {
  const today = parisMidnight(parisToday(now));
  const tonight = new Date(today.getTime() + 3.5 * 3_600_000);
  if (tonight > now) return tonight;
  // Tomorrow's midnight in Paris (a day of 23 or 25 hours is found by its date, not by adding 24 h).
  const tomorrow = parisMidnight(parisToday(new Date(today.getTime() + 36 * 3_600_000)));
  return new Date(tomorrow.getTime() + 3.5 * 3_600_000);
}

/**
 * Every night at 03:30 Paris time inside the server: its reads go through every response and
 * journal entry, which is nothing to a night and a burden to a busy hour. The timer does not keep
 * the process alive; every process runs it (each write is conditional).
 */
export function scheduleRetention(config: Config, mailer: Mailer, log: Logger): void {
  const run = () => {
    void runRetention(config, mailer)
      .then((lines) => {
        if (lines.length) log.info({ retention: lines }, 'Durées de conservation appliquées');
      })
      .catch((err: unknown) => log.error({ err }, 'Durées de conservation non appliquées'))
      .finally(schedule);
  };
  const schedule = () => {
    setTimeout(run, nextNightlyRun(new Date()).getTime() - Date.now()).unref();
  };
  schedule();
}
