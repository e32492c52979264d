/**
 * A steady stream of signed Twilio webhooks from a set of customers, each
 * delivered the way Twilio would: a 15 s timeout per attempt, and any answer
 * but 2xx (or no answer) retried with backoff, a bounded number of times.
 * Every attempt is recorded, so the fault run can say what the api answered when.
 */
import { fakeMessageSid, inboundParams, postTwilioWebhook } from '../fakes/twilio-webhook';

export interface Attempt {
  startedAt: number;
  endedAt: number;
  /** The HTTP status, or `timeout` / `network` when no answer came. */
  outcome: number | 'timeout' | 'network';
}

export interface Delivery {
  sid: string;
  customer: string;
  body: string;
  attempts: Attempt[];
  /** When the api answered 2xx (the message is the api's responsibility from then on). */
  ackedAt?: number;
  /** Retries exhausted without a 2xx: a provider would drop the message here. */
  gaveUp?: boolean;
}

export interface LoadOptions {
  webhookUrl: string;
  accountSid: string;
  authToken: string;
  to: string;
  customers: string[];
  perSecond: number;
  durationMs: number;
}

const ATTEMPT_TIMEOUT_MS = 15_000; // Twilio's default webhook timeout
const MAX_ATTEMPTS = 15;
const retryDelayMs = (attempt: number) => Math.min(1000 * 2 ** (attempt - 1), 5000);

/** Starts the stream; `done` resolves once every message was acknowledged or given up on. */
export function startTwilioLoad(options: LoadOptions): { deliveries: Delivery[]; done: Promise<void> } {
  const deliveries: Delivery[] = [];
  const total = Math.round((options.durationMs / 1000) * options.perSecond);
  const start = Date.now();
  const inFlight: Promise<void>[] = [];
  const done = (async () => {
    // Message i leaves at start + i/rate, whatever the event loop's lag: the rate stays steady.
    for (let i = 0; i < total; i++) {
      const due = start + (i * 1000) / options.perSecond;
      if (due > Date.now()) await sleep(due - Date.now());
      const delivery: Delivery = {
        sid: fakeMessageSid(),
        customer: options.customers[i % options.customers.length],
        body: `fault-run message ${i + 1}`,
        attempts: [],
      };
      deliveries.push(delivery);
      inFlight.push(deliver(options, delivery));
    }
    await Promise.all(inFlight);
  })();
  return { deliveries, done };
}

async function deliver(options: LoadOptions, delivery: Delivery): Promise<void> {
  const params = inboundParams({
    accountSid: options.accountSid,
    from: delivery.customer,
    to: options.to,
    body: delivery.body,
    messageSid: delivery.sid,
  });
  for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
    const startedAt = Date.now();
    let outcome: Attempt['outcome'];
    try {
      const res = await postTwilioWebhook(options.webhookUrl, options.authToken, params, {
        signal: AbortSignal.timeout(ATTEMPT_TIMEOUT_MS),
      });
      await res.arrayBuffer();
      outcome = res.status;
    } catch (err) {
      outcome = (err as Error).name === 'TimeoutError' ? 'timeout' : 'network';
    }
    const endedAt = Date.now();
    delivery.attempts.push({ startedAt, endedAt, outcome });
    if (typeof outcome === 'number' && outcome >= 200 && outcome < 300) {
      delivery.ackedAt = endedAt;
      return;
    }
    if (attempt < MAX_ATTEMPTS) await sleep(retryDelayMs(attempt));
  }
  delivery.gaveUp = true;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
