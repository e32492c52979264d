import OpenAI from 'openai';
import type { Config } from '../config';

export type AiConfig = Pick<Config, 'OPENAI_API_KEY' | 'OPENAI_BASE_URL'>;

export function isAiConfigured(config: AiConfig): boolean {
  return Boolean(config.OPENAI_API_KEY);
}

/** The `openai` SDK for OpenAI or any compatible server. Its own retries are off: Temporal retries activities. */
export function createOpenAiClient(config: AiConfig): OpenAI {
  if (!config.OPENAI_API_KEY) throw new Error('OPENAI_API_KEY is not set');
  return new OpenAI({
    apiKey: config.OPENAI_API_KEY,
    baseURL: config.OPENAI_BASE_URL,
    maxRetries: 0,
    timeout: 60_000,
  });
}
