/**
 * Times as people read them (docs/decisions/0046): "5 min ago" in lists, "Today" / "Yesterday"
 * between a thread's days, and the exact time with its zone on hover. Pure functions of the time,
 * "now" and a time zone, so the server and the browser's first render give the same text.
 */

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

const formatters = new Map<string, Intl.DateTimeFormat>();
function formatter(timeZone: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = `${timeZone}|${JSON.stringify(options)}`;
  let f = formatters.get(key);
  if (!f) {
    f = new Intl.DateTimeFormat('en-GB', { ...options, timeZone });
    formatters.set(key, f);
  }
  return f;
}

/** "Thu 3 Dec 2026, 14:05 UTC": what a hover shows. */
export function exactTime(iso: string, timeZone: string): string {
  return formatter(timeZone, {
    weekday: 'short',
    day: 'numeric',
    month: 'short',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    timeZoneName: 'short',
  })
    .format(new Date(iso))
    .replace(/^(\w{3}),/, '$1');
}

/** "14:05": a message's time inside its day. */
export function clockTime(iso: string, timeZone: string): string {
  return formatter(timeZone, { hour: '2-digit', minute: '2-digit' }).format(new Date(iso));
}

/** The calendar day in the zone, "2026-12-03": two times on the same day share it. */
export function dayKey(iso: string | number, timeZone: string): string {
  const parts = formatter(timeZone, { year: 'numeric', month: '2-digit', day: '2-digit' }).formatToParts(new Date(iso));
  const part = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  return `${part('year')}-${part('month')}-${part('day')}`;
}

/** "Today", "Yesterday", "Monday 30 November" (this year) or "30 November 2025". */
export function dayLabel(iso: string, now: number, timeZone: string): string {
  const day = dayKey(iso, timeZone);
  if (day === dayKey(now, timeZone)) return 'Today';
  if (day === dayKey(now - DAY, timeZone)) return 'Yesterday';
  const sameYear = day.slice(0, 4) === dayKey(now, timeZone).slice(0, 4);
  return formatter(
    timeZone,
    sameYear ? { weekday: 'long', day: 'numeric', month: 'long' } : { day: 'numeric', month: 'long', year: 'numeric' },
  )
    .format(new Date(iso))
    .replace(',', '');
}

/** "just now", "5 min ago", "3 h ago", "Yesterday", "4 days ago", then the date. */
export function relativeTime(iso: string, now: number, timeZone: string): string {
  const age = now - Date.parse(iso);
  // A clock a little ahead of the server's still reads as now.
  if (age < MINUTE) return 'just now';
  if (age < HOUR) return `${Math.floor(age / MINUTE)} min ago`;
  if (age < 12 * HOUR || dayKey(iso, timeZone) === dayKey(now, timeZone)) return `${Math.floor(age / HOUR)} h ago`;
  if (dayKey(iso, timeZone) === dayKey(now - DAY, timeZone)) return 'Yesterday';
  if (age < 7 * DAY) return `${Math.max(2, Math.round(age / DAY))} days ago`;
  const sameYear = dayKey(iso, timeZone).slice(0, 4) === dayKey(now, timeZone).slice(0, 4);
  return formatter(
    timeZone,
    sameYear ? { day: 'numeric', month: 'short' } : { day: 'numeric', month: 'short', year: 'numeric' },
  ).format(new Date(iso));
}

/** A thread's items with a day's label before the first item of each day (oldest first). */
export function withDaySeparators<T>(
  items: readonly T[],
  isoOf: (item: T) => string,
  now: number,
  timeZone: string,
): ({ type: 'day'; day: string; label: string } | { type: 'item'; item: T })[] {
  const out: ({ type: 'day'; day: string; label: string } | { type: 'item'; item: T })[] = [];
  let previous: string | null = null;
  for (const item of items) {
    const day = dayKey(isoOf(item), timeZone);
    if (day !== previous) out.push({ type: 'day', day, label: dayLabel(isoOf(item), now, timeZone) });
    previous = day;
    out.push({ type: 'item', item });
  }
  return out;
}
