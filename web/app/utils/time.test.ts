import { clockTime, dayKey, dayLabel, exactTime, relativeTime, withDaySeparators } from './time';

const now = Date.parse('2026-12-03T14:05:00Z');
const ago = (ms: number) => new Date(now - ms).toISOString();
const MIN = 60_000;

test('relative times read like a person says them', () => {
  expect(relativeTime(ago(20_000), now, 'UTC')).toBe('just now');
  expect(relativeTime(ago(-5_000), now, 'UTC')).toBe('just now');
  expect(relativeTime(ago(5 * MIN), now, 'UTC')).toBe('5 min ago');
  expect(relativeTime(ago(3 * 60 * MIN), now, 'UTC')).toBe('3 h ago');
  expect(relativeTime('2026-12-02T20:00:00Z', now, 'UTC')).toBe('Yesterday');
  expect(relativeTime('2026-11-29T09:00:00Z', now, 'UTC')).toBe('4 days ago');
  expect(relativeTime('2026-10-01T09:00:00Z', now, 'UTC')).toBe('1 Oct');
  expect(relativeTime('2025-10-01T09:00:00Z', now, 'UTC')).toBe('1 Oct 2025');
});

test('"yesterday" and day boundaries follow the reader\'s time zone', () => {
  // 23:30 UTC on the 2nd is already the 3rd in Tokyo.
  expect(relativeTime('2026-12-02T23:30:00Z', now, 'UTC')).toBe('Yesterday');
  expect(relativeTime('2026-12-02T23:30:00Z', now, 'Asia/Tokyo')).toBe('14 h ago');
  expect(dayKey('2026-12-02T23:30:00Z', 'UTC')).toBe('2026-12-02');
  expect(dayKey('2026-12-02T23:30:00Z', 'Asia/Tokyo')).toBe('2026-12-03');
  expect(dayLabel('2026-12-02T23:30:00Z', now, 'Asia/Tokyo')).toBe('Today');
  expect(dayLabel('2026-12-02T23:30:00Z', now, 'UTC')).toBe('Yesterday');
});

test('day separators name the day; exact times carry their zone', () => {
  expect(dayLabel('2026-11-30T10:00:00Z', now, 'UTC')).toBe('Monday 30 November');
  expect(dayLabel('2025-11-30T10:00:00Z', now, 'UTC')).toBe('30 November 2025');
  expect(exactTime('2026-12-03T14:05:00Z', 'UTC')).toBe('Thu 3 Dec 2026, 14:05 UTC');
  expect(exactTime('2026-12-03T14:05:00Z', 'Europe/Madrid')).toBe('Thu 3 Dec 2026, 15:05 CET');
  expect(clockTime('2026-12-03T14:05:00Z', 'UTC')).toBe('14:05');
});

test('a thread gets one separator before the first item of each day', () => {
  const at = ['2026-12-01T09:00:00Z', '2026-12-02T08:00:00Z', '2026-12-02T21:00:00Z', '2026-12-03T07:00:00Z'];
  const rows = withDaySeparators(at, (iso) => iso, now, 'UTC');
  expect(rows.map((r) => (r.type === 'day' ? r.label : r.item.slice(11, 16)))).toEqual([
    'Tuesday 1 December',
    '09:00',
    'Yesterday',
    '08:00',
    '21:00',
    'Today',
    '07:00',
  ]);
  expect(withDaySeparators([], (iso: string) => iso, now, 'UTC')).toEqual([]);
});
