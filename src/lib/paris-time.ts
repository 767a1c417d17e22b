const parisFormat = new Intl.DateTimeFormat('fr-FR', {
  timeZone: 'Europe/Paris',
  dateStyle: 'short',
  timeStyle: 'medium',
});

/** « 05/03/2026 14:02:37 », in Paris time whatever the server's time zone. */
export function formatParisDateTime(date: Date): string {
  return parisFormat.format(date);
}

/** Midnight in Paris at the start of a YYYY-MM-DD day, as an instant. */
export function parisMidnight(isoDate: string): Date {
  const utcMidnight = Date.parse(`${isoDate}T00:00:00Z`);
  // Paris is 1 or 2 hours ahead of UTC; at 00:00 UTC it is already that day's offset.
  const hourInParis = Number(
    new Intl.DateTimeFormat('en-GB', {
      timeZone: 'Europe/Paris',
      hour: 'numeric',
      hourCycle: 'h23',
    }).format(utcMidnight),
  );
  return new Date(utcMidnight - hourInParis * 3_600_000);
}

const parisDate = new Intl.DateTimeFormat('fr-FR', { timeZone: 'Europe/Paris', dateStyle: 'long' });

/** « 5 mars 2026 », in Paris time. */
export function formatParisDate(date: Date): string {
  return parisDate.format(date);
}

// Built once: a formatter per request was a measurable cost on the hot path.
const isoDayInParis = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Paris' });

/** Today's date in Paris (YYYY-MM-DD): the campaign's and the retention job's days are French. */
export function parisToday(now: Date): string {
  return isoDayInParis.format(now);
}

let today = { second: NaN, day: '' };

/** The same for now, formatted at most once a second (a hot path asks at every request). */
export function parisTodayNow(): string {
  const second = Math.floor(Date.now() / 1000);
  if (second !== today.second) today = { second, day: parisToday(new Date()) };
  return today.day;
}

const parisParts = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'Europe/Paris',
  year: 'numeric',
  month: 'numeric',
  day: 'numeric',
  hour: 'numeric',
  minute: 'numeric',
  second: 'numeric',
  hourCycle: 'h23',
});

/**
 * The Paris wall-clock time of an instant, as a date whose UTC fields hold it: a spreadsheet
 * cell has no time zone and shows those fields as they are.
 */
export function parisWallClock(date: Date): Date {
  const part = Object.fromEntries(
    parisParts.formatToParts(date).map((p) => [p.type, Number(p.value)]),
  ) as Record<'year' | 'month' | 'day' | 'hour' | 'minute' | 'second', number>;
  return new Date(
    Date.UTC(part.year, part.month - 1, part.day, part.hour, part.minute, part.second),
  );
}

const monthNames = [
  'janvier',
  'février',
  'mars',
  'avril',
  'mai',
  'juin',
  'juillet',
  'août',
  'septembre',
  'octobre',
  'novembre',
  'décembre',
];

/** « mars 2021 » for '2021-03' (how months are stored); any other value as it is. */
export function formatMonth(value: string): string {
  const match = /^(\d{4})-(\d{2})$/.exec(value);
  const month = match ? monthNames[Number(match[2]) - 1] : undefined;
  return month ? `${month} ${match![1]}` : value;
}
