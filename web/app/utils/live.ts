import { useEffect, useRef } from 'react';
import { useRevalidator } from '@remix-run/react';

export interface LiveEventData {
  seq: number;
  type: 'message' | 'message_status' | 'conversation' | 'notification';
  conversationId?: string;
  [key: string]: unknown;
}

const TYPES = ['message', 'message_status', 'conversation', 'notification'] as const;

/**
 * Follows the tenant's live stream (`/api/tenants/:tenant/events`). The browser's
 * EventSource reconnects by itself and resumes with Last-Event-ID; `reset`
 * (too much missed) is passed on as `null`, meaning "reload everything".
 */
export function useLiveEvents(tenant: string, onEvent: (event: LiveEventData | null) => void) {
  const handler = useRef(onEvent);
  handler.current = onEvent;
  useEffect(() => {
    const source = new EventSource(`/api/tenants/${encodeURIComponent(tenant)}/events`);
    const listener = (e: MessageEvent<string>) => handler.current(JSON.parse(e.data) as LiveEventData);
    for (const type of TYPES) source.addEventListener(type, listener);
    source.addEventListener('reset', () => handler.current(null));
    return () => source.close();
  }, [tenant]);
}

/** Reloads the route's data when a live event passes `matches` (bursts coalesce into one reload). */
export function useLiveRevalidation(tenant: string, matches: (event: LiveEventData) => boolean) {
  const { revalidate } = useRevalidator();
  const timer = useRef<ReturnType<typeof setTimeout>>();
  useLiveEvents(tenant, (event) => {
    if (event && !matches(event)) return;
    clearTimeout(timer.current);
    timer.current = setTimeout(revalidate, 40);
  });
  useEffect(() => () => clearTimeout(timer.current), []);
}
