import { randomBytes } from 'node:crypto';
import { customerKeyFor } from '../../core/crypto';
import { signalInboundMessage } from '../../core/temporal/threads';
import { DEMO_NUMBER, DEMO_TWILIO_ACCOUNT_SID, DEMO_TWILIO_AUTH_TOKEN } from '../../dev/seed';
import type { InboundMessage, ThreadTimings } from '../../workflows/definitions';
import { fakeMessageSid, inboundParams, postTwilioWebhook } from '../fakes/twilio-webhook';
import { eventually, type TestStack } from './stack';

let seq = 0;
/** A customer number no other test uses. */
export function newCustomer(): string {
  seq += 1;
  const digits = (BigInt('0x' + randomBytes(4).toString('hex')) % 10_000_000n).toString().padStart(7, '0');
  return `whatsapp:+346${digits}${String(seq % 10)}`;
}

export async function demoIds(stack: TestStack) {
  const tenant = (await stack.db.Tenant.findOne({ slug: 'demo' }).lean())!;
  const number = (await stack.db.WhatsAppNumber.findOne({ tenantId: tenant._id, address: DEMO_NUMBER }).lean())!;
  return { tenantId: String(tenant._id), numberId: String(number._id) };
}

/** A customer message through the real Twilio webhook route (signed). */
export async function twilioInbound(stack: TestStack, from: string, body: string, extra: { messageSid?: string } = {}) {
  const params = inboundParams({ accountSid: DEMO_TWILIO_ACCOUNT_SID, from, to: DEMO_NUMBER, body, ...extra });
  const res = await postTwilioWebhook(`${stack.url}/webhooks/twilio/demo`, DEMO_TWILIO_AUTH_TOKEN, params);
  if (res.status !== 200) throw new Error(`webhook answered ${res.status}: ${await res.text()}`);
  return params.MessageSid;
}

/**
 * A customer message straight to the thread (as the webhook would), with
 * thread timings of the test's choosing and an optional receive time.
 */
export async function signalInbound(
  stack: TestStack,
  from: string,
  text: string,
  options: {
    timings?: Partial<ThreadTimings>;
    receivedAt?: string;
    providerMessageId?: string;
    /** Another of the demo tenant's numbers (default: the demo number). */
    numberId?: string;
    /** More of the message (a reaction, a location…). */
    extra?: Partial<InboundMessage>;
  } = {},
): Promise<{ threadId: string; providerMessageId: string }> {
  const demo = await demoIds(stack);
  const { tenantId } = demo;
  const numberId = options.numberId ?? demo.numberId;
  const providerMessageId = options.providerMessageId ?? fakeMessageSid();
  const message: InboundMessage = {
    provider: 'twilio',
    providerMessageId,
    from,
    text,
    media: [],
    profileName: 'Test Customer',
    receivedAt: options.receivedAt ?? new Date().toISOString(),
    ...options.extra,
  };
  const threadId = await signalInboundMessage(
    stack.temporal,
    stack.config.TEMPORAL_TASK_QUEUE,
    {
      tenantId,
      tenantSlug: 'demo',
      tenantName: 'Demo Company',
      numberId,
      numberName: 'Sales Support',
      customerKey: customerKeyFor(tenantId, from, stack.config.THREAD_KEY_SECRET),
      timings: options.timings,
    },
    message,
  );
  return { threadId, providerMessageId };
}

export async function conversationOf(stack: TestStack, from: string) {
  return eventually(
    () => stack.db.Conversation.findOne({ 'customer.address': from }).sort({ createdAt: -1 }).lean(),
    `the conversation of ${from}`,
  );
}

export async function messageCount(stack: TestStack, conversationId: string, count: number) {
  return eventually(async () => {
    const rows = await stack.db.Message.find({ conversationId }).sort({ sentAt: 1 }).lean();
    return rows.length === count ? rows : null;
  }, `${count} message(s) in ${conversationId}`);
}

/** JSON API call with a session cookie. */
export async function api(
  stack: TestStack,
  cookie: string,
  method: string,
  path: string,
  body?: unknown,
): Promise<{ status: number; body: Record<string, unknown> }> {
  const res = await fetch(`${stack.url}${path}`, {
    method,
    headers: { cookie, ...(body !== undefined ? { 'content-type': 'application/json' } : {}) },
    body: body !== undefined ? JSON.stringify(body) : undefined,
  });
  const text = await res.text();
  return { status: res.status, body: text ? (JSON.parse(text) as Record<string, unknown>) : {} };
}
