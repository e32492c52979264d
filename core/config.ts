import { z } from 'zod';

/**
 * Environment, parsed once at start. A missing or malformed variable stops the
 * process with a message naming it, instead of failing later on first use.
 */
const schema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  HOST: z.string().default('127.0.0.1'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  /** How the api serves the UI: `vite` compiles from source (dev), `build` serves `npm run build`'s output. Default: build in production. */
  WEB_MODE: z.enum(['vite', 'build']).optional(),
  /** The URL providers call (e.g. a tunnel): the signed webhook URL is built from it. */
  PUBLIC_BASE_URL: z.string().url().optional(),
  /** Behind a reverse proxy: honour X-Forwarded-Proto/Host. */
  TRUST_PROXY: z
    .enum(['true', 'false'])
    .default('false')
    .transform((v) => v === 'true'),
  MONGODB_URI: z.string().min(1),
  MONGODB_DB: z.string().min(1).default('helios'),
  TEMPORAL_ADDRESS: z.string().min(1),
  TEMPORAL_NAMESPACE: z.string().min(1).default('default'),
  TEMPORAL_TASK_QUEUE: z.string().min(1).default('whatsapp'),
  /** Temporal UI, for the chat's "Open in Temporal UI" link (owners and admins). Default: the dev server's UI. */
  TEMPORAL_UI_URL: z.string().url().default('http://127.0.0.1:8233'),
  /** 32 bytes, base64 or hex: encrypts provider secrets at rest (AES-256-GCM). */
  ENCRYPTION_KEY: z.string().min(1),
  /** Keys the customer-number hash used in workflow IDs and search attributes. */
  THREAD_KEY_SECRET: z.string().min(16),
  SESSION_SECRET: z.string().min(16),
  /** Point the twilio SDK at another base (the local fake / sandbox). Unset = real Twilio. */
  TWILIO_API_BASE_URL: z.string().url().optional(),
  /** Answer an Update after this long with "the conversation service is not answering". */
  UPDATE_DEADLINE_MS: z.coerce.number().int().positive().default(10_000),
  /** OpenAI (or any compatible server, with OPENAI_BASE_URL). Unset = no AI replies; offline insights. */
  OPENAI_API_KEY: z.string().min(1).optional(),
  OPENAI_BASE_URL: z.string().url().optional(),
  /** `offline`: insights always use the offline analyser, even with OpenAI set (the dev sandbox's AI only chats). */
  INSIGHTS_ANALYSER: z.enum(['auto', 'offline']).default('auto'),
  /** Meta Graph API base (the local fake in tests) and version. */
  META_GRAPH_BASE_URL: z.string().url().default('https://graph.facebook.com'),
  META_GRAPH_VERSION: z
    .string()
    .regex(/^v\d+\.\d+$/)
    .default('v21.0'),
  /** Customer messages arriving within this quiet period get one AI reply. */
  AI_DEBOUNCE_SECONDS: z.coerce.number().min(0).max(120).default(3),
});

export type Config = z.infer<typeof schema>;

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = schema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new Error(`Invalid environment (see .env.example):\n${lines.join('\n')}`);
  }
  return parsed.data;
}

/** The settings that decide where Twilio's status callbacks go. */
export type TwilioCallbackSettings = 'PUBLIC_BASE_URL' | 'NODE_ENV' | 'HOST' | 'PORT' | 'TWILIO_API_BASE_URL';

/**
 * Where Twilio reports delivery statuses (the statusCallback of every send):
 * PUBLIC_BASE_URL; else, outside production and when the Twilio API is a local one
 * (the `npm run dev` sandbox, the tests' fake), this app's own address, which that
 * local Twilio reaches. Real Twilio cannot reach a loopback address (and may refuse
 * the send for it, error 21609), so without PUBLIC_BASE_URL it gets no statusCallback
 * and replies stay on the clock icon: twilioCallbackWarning says so.
 */
export function twilioCallbackBaseUrl(config: Pick<Config, TwilioCallbackSettings>): string | undefined {
  if (config.PUBLIC_BASE_URL) return config.PUBLIC_BASE_URL;
  if (!callsOwnAddress(config) || config.PORT === 0) return undefined;
  const host = config.HOST === '0.0.0.0' || config.HOST === '::' ? '127.0.0.1' : config.HOST;
  return `http://${host}:${config.PORT}`;
}

/** What the process (at start) and the Integrations page say when a Twilio integration gets no status callbacks. */
export function twilioCallbackWarning(
  config: Pick<Config, TwilioCallbackSettings>,
  hasTwilioIntegration: boolean,
): string | undefined {
  if (!hasTwilioIntegration || config.PUBLIC_BASE_URL || callsOwnAddress(config)) return undefined;
  return 'PUBLIC_BASE_URL is not set: Twilio cannot report delivery statuses, so replies stay on the clock icon. Set it to the URL Twilio reaches this app at and restart.';
}

/** A local Twilio (not in production) reaches this app on its own address: no PUBLIC_BASE_URL needed. */
function callsOwnAddress(config: Pick<Config, 'NODE_ENV' | 'TWILIO_API_BASE_URL'>): boolean {
  return config.NODE_ENV !== 'production' && !!config.TWILIO_API_BASE_URL;
}
