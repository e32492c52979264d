/**
 * `npm run bench -- e2e`: inbound → AI reply handed to the provider. Signed Twilio
 * webhooks, one per customer, at a fixed rate, with the sandbox AI on and the AI
 * debounce at 0 (the debounce is a product setting, not processing time); for each,
 * the time from the webhook's 2xx to the reply reaching the Twilio fake. The sandbox
 * model's own answer time is measured in the same run and reported beside it, so the
 * figure without the model is e2e − model.
 */
import twilio from 'twilio';
import { DEMO_NUMBER, DEMO_TWILIO_ACCOUNT_SID, DEMO_TWILIO_AUTH_TOKEN } from '../dev/seed';
import { fakeMessageSid, inboundParams } from '../test/fakes/twilio-webhook';
import { openLoop, percentile, round, summarize, type BenchRequest } from './lib/load';
import { startBenchStack } from './lib/stack';
import type { BenchArgs } from './run';

/** The longest a run waits for the last reply. */
const REPLY_LIMIT_MS = 120_000;

export async function e2e(args: BenchArgs) {
  const rate = args.number('rate', 5);
  const messages = Math.round(args.number('messages', 100));
  const log = (line: string) => console.log(line);
  const stack = await startBenchStack({ build: args.flag('build'), log, env: { AI_DEBOUNCE_SECONDS: '0' } });
  try {
    const model = await modelTimes(stack.aiUrl, 20);
    // Customers nobody wrote from before in this store: each message starts a thread.
    const prefix = Date.now();
    const base = 34_700_000_000 + (prefix % 1_000) * 100_000;
    const customer = (i: number) => `whatsapp:+${base + i}`;
    const make = (i: number): BenchRequest => {
      const url = `${stack.apiUrl}/webhooks/twilio/demo`;
      const sid = fakeMessageSid();
      const params = inboundParams({
        accountSid: DEMO_TWILIO_ACCOUNT_SID,
        from: customer(i),
        to: DEMO_NUMBER,
        body: `Hello, do you have this in blue? (${prefix} ${i})`,
        messageSid: sid,
      });
      return {
        id: customer(i),
        url,
        headers: {
          'content-type': 'application/x-www-form-urlencoded',
          'x-twilio-signature': twilio.getExpectedTwilioSignature(DEMO_TWILIO_AUTH_TOKEN, url, params),
        },
        body: new URLSearchParams(params).toString(),
      };
    };
    log(`[bench] ${messages} customers, ${rate}/s, AI on, debounce 0…`);
    const result = await openLoop(rate, (messages / rate) * 1000, make);
    const acked = result.samples.filter((s) => s.status >= 200 && s.status < 300);
    const deadline = Date.now() + REPLY_LIMIT_MS;
    const replyAt = new Map<string, number>();
    while (replyAt.size < acked.length && Date.now() < deadline) {
      for (const m of stack.twilio.messages) if (!replyAt.has(m.to)) replyAt.set(m.to, m.createdAt.getTime());
      if (replyAt.size < acked.length) await new Promise((r) => setTimeout(r, 200));
    }
    const times = acked.flatMap((s) => (replyAt.has(s.id) ? [replyAt.get(s.id)! - s.ackedAt] : []));
    const p50 = percentile(times, 50);
    const p95 = percentile(times, 95);
    return {
      scenario: 'e2e',
      settings: { rate, messages, aiDebounceSeconds: 0, model: 'sandbox AI (local OpenAI-compatible server)' },
      rows: [
        { step: 'webhook → 2xx', ...pick(summarize(result)) },
        {
          step: 'reply handed to the provider after the 2xx',
          replied: `${times.length}/${acked.length}`,
          p50Ms: round(p50),
          p95Ms: round(p95),
        },
        { step: 'model answer alone (same run, direct)', p50Ms: model.p50, p95Ms: model.p95 },
        {
          step: 'reply after the 2xx, model time taken out',
          p50Ms: round(p50 - model.p50),
          p95Ms: round(p95 - model.p95),
        },
      ],
    };
  } finally {
    await stack.stop();
  }
}

function pick(s: ReturnType<typeof summarize>) {
  return { replied: `${s.acked}/${s.sent} acked`, p50Ms: s.ackP50Ms, p95Ms: s.ackP95Ms };
}

/** The sandbox model's answer time, asked directly (what the worker's call costs at least). */
async function modelTimes(aiUrl: string, n: number) {
  const times: number[] = [];
  for (let i = 0; i < n; i++) {
    const t = performance.now();
    const res = await fetch(`${aiUrl}/v1/chat/completions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: 'Bearer sandbox' },
      body: JSON.stringify({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'Hello, in blue?' }] }),
    });
    await res.arrayBuffer();
    times.push(performance.now() - t);
  }
  return { p50: round(percentile(times, 50)), p95: round(percentile(times, 95)) };
}
