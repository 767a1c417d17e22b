import type { Config } from '../lib/config';
import type { PageVariant } from '../lib/http/page-cache';
import { parisToday, parisTodayNow } from '../lib/paris-time';

export type CampaignState =
  { open: true } | { open: false; reason: 'pas-encore' | 'terminee'; date: string };

// Built once: a formatter per request was a measurable cost on the hot path.
const longFrenchDate = new Intl.DateTimeFormat('fr-FR', {
  day: 'numeric',
  month: 'long',
  year: 'numeric',
  timeZone: 'UTC',
});

/** Is the questionnaire open? Dates come from configuration until a back office manages them. */
export function campaignState(window: Config['questionnaire'], now = new Date()): CampaignState {
  const today = parisToday(now);
  if (window.opensAt && today < window.opensAt)
    return { open: false, reason: 'pas-encore', date: window.opensAt };
  if (window.closesAt && today > window.closesAt)
    return { open: false, reason: 'terminee', date: window.closesAt };
  return { open: true };
}

export function frenchDate(isoDate: string): string {
  return longFrenchDate.format(new Date(`${isoDate}T12:00:00Z`));
}

/**
 * What the questionnaire's cached first page depends on besides the content: the day, and the
 * window it is shown for (open or closed, the dates it names).
 */
export function campaignVariant(window: Config['questionnaire']): PageVariant {
  const key = () => `${parisTodayNow()} ${window.opensAt ?? ''} ${window.closesAt ?? ''}`;
  return { current: async () => key(), fresh: key };
}
