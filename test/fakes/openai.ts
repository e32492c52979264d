/**
 * A local OpenAI-compatible server for the real `openai` SDK (OPENAI_BASE_URL =
 * `{url}/v1`): chat completions, including structured output (`response_format:
 * json_schema`), answered by a script the test sets. Records every request.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ChatRequest {
  model: string;
  messages: { role: string; content: string }[];
  response_format?: { type: string; json_schema?: { name: string; schema: unknown } };
}

/** What the "model" answers: an object (sent as JSON content), a refusal, or an HTTP error. */
export type ScriptedAnswer = { json: unknown } | { refusal: string } | { httpStatus: number; error: string };

export class FakeOpenAI {
  readonly requests: ChatRequest[] = [];
  url = '';
  /** Decides the answer; the default replies to the last customer message and hands off on "human". */
  script: (req: ChatRequest) => ScriptedAnswer = defaultScript;
  /** While set, answers wait for it (to hold a request in flight). */
  gate: Promise<void> | undefined;
  private server = http.createServer((req, res) => void this.handle(req, res));

  static async start(): Promise<FakeOpenAI> {
    const fake = new FakeOpenAI();
    await new Promise<void>((resolve) => fake.server.listen(0, '127.0.0.1', resolve));
    fake.url = `http://127.0.0.1:${(fake.server.address() as AddressInfo).port}`;
    return fake;
  }

  async stop() {
    this.server.closeAllConnections();
    await new Promise((resolve) => this.server.close(resolve));
  }

  private async handle(req: http.IncomingMessage, res: http.ServerResponse) {
    const send = (status: number, body: unknown) => {
      if (res.destroyed) return;
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(body));
    };
    if (!req.headers.authorization?.startsWith('Bearer ')) {
      return send(401, { error: { message: 'Missing API key', type: 'invalid_request_error' } });
    }
    if (req.method !== 'POST' || req.url !== '/v1/chat/completions') {
      return send(404, { error: { message: `No route ${req.method} ${req.url}` } });
    }
    const body = JSON.parse(await readBody(req)) as ChatRequest;
    this.requests.push(body);
    if (this.gate) await this.gate;
    const answer = this.script(body);
    if ('httpStatus' in answer) return send(answer.httpStatus, { error: { message: answer.error } });
    const message =
      'refusal' in answer
        ? { role: 'assistant', content: null, refusal: answer.refusal }
        : { role: 'assistant', content: JSON.stringify(answer.json), refusal: null };
    send(200, {
      id: `chatcmpl-${this.requests.length}`,
      object: 'chat.completion',
      created: Math.floor(Date.now() / 1000),
      model: body.model,
      choices: [{ index: 0, message, finish_reason: 'stop', logprobs: null }],
      usage: { prompt_tokens: 10, completion_tokens: 10, total_tokens: 20 },
    });
  }
}

function defaultScript(req: ChatRequest): ScriptedAnswer {
  const name = req.response_format?.json_schema?.name;
  const customer = req.messages.filter((m) => m.role === 'user').map((m) => m.content);
  if (name === 'insights') {
    return { json: { sentiment: 'positive', score: 0.8, summary: `Customer wrote: ${customer.join(' / ')}` } };
  }
  const last = customer.at(-1) ?? '';
  if (/human|persona|person/i.test(last)) {
    return {
      json: {
        reply: 'A person from our team will follow up shortly.',
        handoff: true,
        handoffReason: 'Asked for a person',
      },
    };
  }
  return { json: { reply: `AI answer to: ${customer.join(' + ')}`, handoff: false, handoffReason: null } };
}

function readBody(req: http.IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    let data = '';
    req.setEncoding('utf8');
    req.on('data', (chunk: string) => (data += chunk));
    req.on('end', () => resolve(data));
    req.on('error', reject);
  });
}
