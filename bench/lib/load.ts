/**
 * Load loops for the benchmarks. Both are bounded in time and in count, and send
 * only to the URLs they are given (127.0.0.1).
 */

export interface BenchRequest {
  /** What the zero-loss check looks for afterwards (the provider's message id). */
  id: string;
  url: string;
  headers: Record<string, string>;
  body: string;
}

export interface Sample {
  id: string;
  status: number;
  /** Open loop: from the time the request was due (no coordinated omission); closed loop: from send. */
  latencyMs: number;
  ackedAt: number;
}

export interface LoadResult {
  mode: string;
  samples: Sample[];
  elapsedMs: number;
}

/** Bound on requests in flight in the open loop: past it, the run records a failure instead of piling up. */
const MAX_IN_FLIGHT = 4_000;

/** Sends `rate` requests a second for `durationMs`, whatever the answers' speed. */
export async function openLoop(
  rate: number,
  durationMs: number,
  make: (i: number) => BenchRequest,
): Promise<LoadResult> {
  const total = Math.min(Math.round((rate * durationMs) / 1000), 1_000_000);
  const samples: Sample[] = [];
  const pending: Promise<void>[] = [];
  let inFlight = 0;
  const start = performance.now();
  for (let i = 0; i < total; i++) {
    const due = start + (i * 1000) / rate;
    const wait = due - performance.now();
    if (wait > 1) await new Promise((r) => setTimeout(r, wait));
    const request = make(i);
    if (inFlight >= MAX_IN_FLIGHT) {
      samples.push({ id: request.id, status: 0, latencyMs: NaN, ackedAt: Date.now() });
      continue;
    }
    inFlight += 1;
    pending.push(
      send(request).then((status) => {
        inFlight -= 1;
        samples.push({ id: request.id, status, latencyMs: performance.now() - due, ackedAt: Date.now() });
      }),
    );
  }
  await Promise.all(pending);
  return { mode: `open loop ${rate}/s`, samples, elapsedMs: performance.now() - start };
}

/** Keeps `concurrency` requests in flight for `durationMs` (at most `maxRequests`). */
export async function closedLoop(
  concurrency: number,
  durationMs: number,
  make: (i: number) => BenchRequest,
  maxRequests = 1_000_000,
): Promise<LoadResult> {
  const samples: Sample[] = [];
  const start = performance.now();
  let next = 0;
  const lane = async () => {
    while (performance.now() - start < durationMs && next < maxRequests) {
      const request = make(next++);
      const sent = performance.now();
      const status = await send(request);
      samples.push({ id: request.id, status, latencyMs: performance.now() - sent, ackedAt: Date.now() });
    }
  };
  await Promise.all(Array.from({ length: concurrency }, lane));
  return { mode: `concurrency ${concurrency}`, samples, elapsedMs: performance.now() - start };
}

async function send(request: BenchRequest): Promise<number> {
  try {
    const res = await fetch(request.url, {
      method: 'POST',
      headers: request.headers,
      body: request.body,
      signal: AbortSignal.timeout(30_000),
    });
    await res.arrayBuffer();
    return res.status;
  } catch {
    return 0;
  }
}

/** The p-th percentile (nearest rank) of the values; NaN for none. */
export function percentile(values: number[], p: number): number {
  const sorted = values.filter((v) => Number.isFinite(v)).sort((a, b) => a - b);
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
}

export function summarize(result: LoadResult) {
  const ok = result.samples.filter((s) => s.status >= 200 && s.status < 300);
  const latencies = result.samples.map((s) => s.latencyMs);
  return {
    mode: result.mode,
    sent: result.samples.length,
    acked: ok.length,
    non2xx: result.samples.length - ok.length,
    statuses: countBy(result.samples.map((s) => (s.status === 0 ? 'no answer' : String(s.status)))),
    throughputPerS: round((ok.length / result.elapsedMs) * 1000),
    ackP50Ms: round(percentile(latencies, 50)),
    ackP95Ms: round(percentile(latencies, 95)),
    ackP99Ms: round(percentile(latencies, 99)),
  };
}

export function round(value: number, digits = 1): number {
  const f = 10 ** digits;
  return Math.round(value * f) / f;
}

function countBy(values: string[]): string {
  const counts = new Map<string, number>();
  for (const v of values) counts.set(v, (counts.get(v) ?? 0) + 1);
  return [...counts].map(([v, n]) => `${v}:${n}`).join(' ');
}
