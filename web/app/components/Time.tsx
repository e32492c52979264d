import { createContext, useContext, useEffect, useState, type ReactNode } from 'react';
import { clockTime, exactTime, relativeTime, withDaySeparators } from '../utils/time';

interface Clock {
  now: number;
  timeZone: string;
}

const ClockContext = createContext<Clock>({ now: 0, timeZone: 'UTC' });

/**
 * "Now" and the reader's time zone for every time on the page. The server and the browser's first
 * render use the server's clock and UTC (same text, no hydration mismatch); after hydration the
 * browser's zone takes over and "now" ticks every 30 s, so "5 min ago" stays true.
 */
export function ClockProvider({ serverNow, children }: { serverNow: number; children: ReactNode }) {
  const [clock, setClock] = useState<Clock>({ now: serverNow, timeZone: 'UTC' });
  useEffect(() => {
    const timeZone = Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
    const tick = () => setClock({ now: Date.now(), timeZone });
    tick();
    const timer = setInterval(tick, 30_000);
    return () => clearInterval(timer);
  }, []);
  return <ClockContext.Provider value={clock}>{children}</ClockContext.Provider>;
}

export const useClock = () => useContext(ClockContext);

/** "5 min ago", with the exact time in the reader's zone on hover. */
export function RelativeTime({ iso }: { iso: string }) {
  const { now, timeZone } = useClock();
  return (
    <time dateTime={iso} title={exactTime(iso, timeZone)}>
      {relativeTime(iso, now, timeZone)}
    </time>
  );
}

/** "14:05" inside a day of the thread, with the exact time in the reader's zone on hover. */
export function ClockTime({ iso }: { iso: string }) {
  const { timeZone } = useClock();
  return (
    <time dateTime={iso} title={exactTime(iso, timeZone)}>
      {clockTime(iso, timeZone)}
    </time>
  );
}

/** A thread's items with "Today", "Yesterday", "Monday 30 November"… before each day's first. */
export function useDaySeparated<T>(items: readonly T[], isoOf: (item: T) => string) {
  const { now, timeZone } = useClock();
  return withDaySeparators(items, isoOf, now, timeZone);
}

export function DaySeparator({ label }: { label: string }) {
  return (
    <li className="day-separator">
      <span>{label}</span>
    </li>
  );
}
