/**
 * Sandbox mode for `npm run dev` without provider credentials: the real `twilio`
 * SDK talks to a local Twilio (the same fake the tests use), and a customer-phone
 * simulator sends correctly signed webhooks through the app's public routes.
 */
import type { Db } from '../../core/db';
import { FakeTwilio } from '../../test/fakes/twilio-api';
import { startSimulator, type Simulator } from './simulator';

export interface SandboxOptions {
  appUrl: string;
  db: Db;
  encryptionKey: string;
  simulatorPort?: number;
  /** A local Twilio already started (its URL was needed before the app could start). */
  twilio?: FakeTwilio;
}

export interface Sandbox {
  twilio: FakeTwilio;
  simulator: Simulator;
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
  const simulator = await startSimulator({ ...options, twilio, port: options.simulatorPort });
  return {
    twilio,
    simulator,
    async stop() {
      timers.forEach(clearTimeout);
      await simulator.stop();
      await twilio.stop();
    },
  };
}
