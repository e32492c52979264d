/**
 * Sandbox mode for `npm run dev` without provider credentials: the real `twilio`
 * SDK talks to a local Twilio (the same fake the tests use), the Meta code path
 * to a local Graph API (its fake) through a demo "Meta Sandbox" number, and a
 * customer-phone simulator sends correctly signed webhooks through the app's
 * public routes.
 */
import type { Db } from '../../core/db';
import { parseEncryptionKey } from '../../core/crypto';
import { FakeMetaGraph, type MetaSent } from '../../test/fakes/meta-graph';
import { FakeTwilio } from '../../test/fakes/twilio-api';
import {
  ensureSandboxMetaNumber,
  postMetaStatus,
  SANDBOX_META_BUSINESS_ACCOUNT_ID,
  SANDBOX_META_TEMPLATES,
} from './meta';
import { sandboxNumbers, startSimulator, type Simulator } from './simulator';

export interface SandboxOptions {
  appUrl: string;
  db: Db;
  encryptionKey: string;
  simulatorPort?: number;
  /** A local Twilio already started (its URL was needed before the app could start). */
  twilio?: FakeTwilio;
  /**
   * Meta sandbox: `true` starts a local Graph API (the app must send to it:
   * META_GRAPH_BASE_URL = sandbox.meta.url), or pass one already started. Off when unset.
   */
  meta?: FakeMetaGraph | boolean;
  /** Offer Twilio numbers in the simulator (default); `false` when the app uses real Twilio. */
  offerTwilio?: boolean;
}

export interface Sandbox {
  twilio: FakeTwilio;
  simulator: Simulator;
  meta?: FakeMetaGraph;
  stop(): Promise<void>;
}

/** How long the sandbox takes to report each delivery step, like a phone network would. */
const STATUS_STEPS: Array<[status: string, afterMs: number]> = [
  ['sent', 300],
  ['delivered', 900],
];

export async function startSandbox(options: SandboxOptions): Promise<Sandbox> {
  const twilio = options.twilio ?? (await FakeTwilio.start());
  twilio.openSignup = true;
  const timers = new Set<NodeJS.Timeout>();
  twilio.onMessageCreated = (message) => {
    if (!message.statusCallback) return;
    for (const [status, afterMs] of STATUS_STEPS) {
      const timer = setTimeout(() => {
        timers.delete(timer);
        // The status may have moved on (read) meanwhile: statuses only move forward.
        if (message.status === 'read') return;
        twilio
          .sendStatus(message.sid, status)
          .catch((error: Error) => console.error(`[sandbox] status callback failed: ${error.message}`));
      }, afterMs);
      timers.add(timer);
    }
  };
  const meta =
    options.meta instanceof FakeMetaGraph ? options.meta : options.meta ? await FakeMetaGraph.start() : undefined;
  if (meta) {
    // Whatever token the number stores is fine: the sandbox is not testing Meta's auth.
    meta.acceptAnyToken = true;
    meta.templatesByBusinessAccount.set(SANDBOX_META_BUSINESS_ACCOUNT_ID, SANDBOX_META_TEMPLATES);
    await ensureSandboxMetaNumber(options.db, options.encryptionKey);
    const key = parseEncryptionKey(options.encryptionKey);
    const reportStatus = async (message: MetaSent, status: 'sent' | 'delivered') => {
      if (message.status === 'read') return;
      const number = (await sandboxNumbers(options.db, key, { meta: true })).find(
        (n) => n.phoneNumberId === message.phoneNumberId,
      );
      if (!number) return;
      const answered = await postMetaStatus(
        options.appUrl,
        { tenantSlug: number.tenantSlug, appSecret: number.secret, phoneNumberId: message.phoneNumberId },
        message.id,
        status,
      );
      if (answered < 300 && message.status !== 'read') message.status = status;
    };
    meta.onMessageCreated = (message) => {
      for (const [status, afterMs] of STATUS_STEPS) {
        const timer = setTimeout(() => {
          timers.delete(timer);
          reportStatus(message, status as 'sent' | 'delivered').catch((error: Error) =>
            console.error(`[sandbox] Meta status webhook failed: ${error.message}`),
          );
        }, afterMs);
        timers.add(timer);
      }
    };
  }
  const simulator = await startSimulator({ ...options, twilio, meta, port: options.simulatorPort });
  return {
    twilio,
    simulator,
    meta,
    async stop() {
      timers.forEach(clearTimeout);
      await simulator.stop();
      await twilio.stop();
      if (meta && meta !== options.meta) await meta.stop();
    },
  };
}
