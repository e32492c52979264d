import { useEffect, useRef } from 'react';
import { useRevalidator } from '@remix-run/react';

export interface LiveEventData {
  seq: number;
  type: 'message' | 'message_status' | 'conversation' | 'notification';
  conversationId?: string;
  [key: string]: unknown;
}

const TYPES = ['message', 'message_status', 'conversation', 'notification'] as const;
type Listener = (event: LiveEventData | null) => void;

/**
 * One EventSource per tenant for the whole tab, shared by every component that
 * listens (the shell's bell and the page): browsers allow few connections per host.
 */
const streams = new Map<string, { source: EventSource; listeners: Set<Listener> }>();

function subscribe(tenant: string, listener: Listener): () => void {
  let stream = streams.get(tenant);
  if (!stream) {
    const source = new EventSource(`/api/tenants/${encodeURIComponent(tenant)}/events`);
    const listeners = new Set<Listener>();
    const dispatch = (event: LiveEventData | null) => listeners.forEach((l) => l(event));
    for (const type of TYPES) {
      source.addEventListener(type, (e: MessageEvent<string>) => dispatch(JSON.parse(e.data) as LiveEventData));
    }
    source.addEventListener('reset', () => dispatch(null));
    stream = { source, listeners };
    streams.set(tenant, stream);
  }
  stream.listeners.add(listener);
  const current = stream;
  return () => {
    current.listeners.delete(listener);
    if (current.listeners.size === 0) {
      current.source.close();
      streams.delete(tenant);
    }
  };
}

/**
 * Follows the tenant's live stream (`/api/tenants/:tenant/events`). The browser's
 * EventSource reconnects by itself and resumes with Last-Event-ID; `reset`
 * (too much missed) is passed on as `null`, meaning "reload everything".
 */
export function useLiveEvents(tenant: string, onEvent: Listener) {
  const handler = useRef(onEvent);
  handler.current = onEvent;
  useEffect(() => subscribe(tenant, (event) => handler.current(event)), [tenant]);
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
