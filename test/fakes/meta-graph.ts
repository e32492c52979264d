/**
 * A local Meta Graph API (META_GRAPH_BASE_URL) for WhatsApp Cloud API sends:
 * `POST /{version}/{phone-number-id}/messages` with a Bearer access token, and
 * `GET /{version}/{business-account-id}/message_templates`, `GET /{version}/{phone-number-id}`. Records every message; `errorsByRecipient` makes it answer like Meta's errors.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { randomBytes } from 'node:crypto';

export interface MetaSent {
  id: string;
  phoneNumberId: string;
  accessToken: string;
  to: string;
  type: string;
  text?: string;
  template?: { name: string; language?: { code: string } };
  /** When the fake accepted it (the sandbox simulator orders a thread by it). */
  createdAt?: Date;
  /** The last delivery status reported for it (the sandbox sets it as it sends status webhooks). */
  status?: string;
}

/** A template as Graph lists it (`status` APPROVED, PENDING, REJECTED…). */
export interface FakeMetaTemplate {
  name: string;
  language: string;
  status: string;
  body: string;
}

export class FakeMetaGraph {
  readonly messages: MetaSent[] = [];
  /** Recipient (digits) → Meta error (`*` = anyone). */
  readonly errorsByRecipient = new Map<string, { httpStatus: number; code: number; message: string }>();
  /** phone-number-id → the access token it accepts. */
  readonly tokens = new Map<string, string>();
  /** Media a customer sent, by media id (looked up, then downloaded, with an access token). */
  readonly media = new Map<string, { bytes: Buffer; mimeType: string }>();
  /** business-account-id → its message templates. */
  readonly templatesByBusinessAccount = new Map<string, FakeMetaTemplate[]>();
  /** Accept any access token (the dev sandbox: whatever token the number stores). */
  acceptAnyToken = false;
  /** Called for each accepted message (the dev sandbox reports delivery statuses from it). */
  onMessageCreated?: (message: MetaSent) => void;
  url = '';
  private server = http.createServer((req, res) => void this.handle(req, res));

  static async start(): Promise<FakeMetaGraph> {
    const fake = new FakeMetaGraph();
    await new Promise<void>((resolve) => fake.server.listen(0, '127.0.0.1', resolve));
    fake.url = `http://127.0.0.1:${(fake.server.address() as AddressInfo).port}`;
    return fake;
  }

  async stop() {
    this.server.closeAllConnections();
    await new Promise((resolve) => this.server.close(resolve));
  }

  /** Stores a customer's file; returns the media id a webhook carries (`image: { id, mime_type }`). */
  addMedia(bytes: Buffer, mimeType: string): string {
    const id = String(1_000_000_000_000 + this.media.size + 1);
    this.media.set(id, { bytes, mimeType });
    return id;
  }

  private async handle(req: http.IncomingMessage, res: http.ServerResponse) {
    const send = (status: number, body: unknown) => {
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(body));
    };
    const objectLookup = (req.url ?? '').match(/^\/(v\d+\.\d+)\/(\d+)(\?|$)/);
    if (req.method === 'GET' && objectLookup && !this.media.has(objectLookup[2]))
      return this.lookUpPhoneNumber(req, objectLookup[2], send);
    const mediaLookup = (req.url ?? '').match(/^\/(v\d+\.\d+)\/(\d+)$/);
    const download = (req.url ?? '').match(/^\/whatsapp_business\/attachments\/\?mid=(\d+)$/);
    if (req.method === 'GET' && (mediaLookup || download)) {
      if (!this.knownToken(req)) {
        return send(401, { error: { message: 'Invalid OAuth access token.', type: 'OAuthException', code: 190 } });
      }
      const id = mediaLookup ? mediaLookup[2] : download![1];
      const file = this.media.get(id);
      if (!file) return send(404, { error: { message: `Media ${id} not found`, code: 100 } });
      if (download) {
        res.writeHead(200, { 'content-type': file.mimeType, 'content-length': file.bytes.length });
        return void res.end(file.bytes);
      }
      return send(200, {
        messaging_product: 'whatsapp',
        url: `${this.url}/whatsapp_business/attachments/?mid=${id}`,
        mime_type: file.mimeType,
        file_size: file.bytes.length,
        id,
      });
    }
    const templates = (req.url ?? '').match(/^\/(v\d+\.\d+)\/([^/?]+)\/message_templates(\?|$)/);
    if (req.method === 'GET' && templates) return this.listTemplates(req, decodeURIComponent(templates[2]), send);
    const m = (req.url ?? '').match(/^\/(v\d+\.\d+)\/([^/]+)\/messages$/);
    if (req.method !== 'POST' || !m) return send(404, { error: { message: 'Unknown path', code: 100 } });
    const phoneNumberId = decodeURIComponent(m[2]);
    const token = (req.headers.authorization ?? '').replace(/^Bearer /, '');
    if (!this.acceptAnyToken && (!this.tokens.has(phoneNumberId) || this.tokens.get(phoneNumberId) !== token)) {
      return send(401, { error: { message: 'Invalid OAuth access token.', type: 'OAuthException', code: 190 } });
    }
    const body = JSON.parse(await readBody(req)) as {
      to: string;
      type: string;
      text?: { body: string };
      template?: MetaSent['template'];
    };
    const injected = this.errorsByRecipient.get(body.to) ?? this.errorsByRecipient.get('*');
    if (injected) {
      return send(injected.httpStatus, {
        error: { message: injected.message, code: injected.code, type: 'OAuthException' },
      });
    }
    const id = `wamid.${randomBytes(12).toString('base64url')}`;
    const message: MetaSent = {
      id,
      phoneNumberId,
      accessToken: token,
      to: body.to,
      type: body.type,
      text: body.text?.body,
      template: body.template,
      createdAt: new Date(),
      status: 'accepted',
    };
    this.messages.push(message);
    this.onMessageCreated?.(message);
    send(200, { messaging_product: 'whatsapp', contacts: [{ input: body.to, wa_id: body.to }], messages: [{ id }] });
  }

  /**
   * `GET /{version}/{phone-number-id}`: answered for a token of that number's app
   * (here: the token `tokens` holds for it; any token in the sandbox), else as Graph does.
   */
  private lookUpPhoneNumber(req: http.IncomingMessage, phoneNumberId: string, send: (s: number, b: unknown) => void) {
    const token = (req.headers.authorization ?? '').replace(/^Bearer /, '');
    if (!this.acceptAnyToken && !this.knownToken(req)) {
      return send(401, { error: { message: 'Invalid OAuth access token.', type: 'OAuthException', code: 190 } });
    }
    if (!this.acceptAnyToken && this.tokens.get(phoneNumberId) !== token) {
      return send(400, {
        error: {
          message: `Unsupported get request. Object with ID '${phoneNumberId}' does not exist, cannot be loaded due to missing permissions, or does not support this operation.`,
          type: 'GraphMethodException',
          code: 100,
        },
      });
    }
    send(200, { id: phoneNumberId, display_phone_number: '+1 555-000-0000', verified_name: 'Fake business' });
  }

  /** A token some number of this fake accepts (business-account and media calls are not per number). */
  private knownToken(req: http.IncomingMessage): boolean {
    const token = (req.headers.authorization ?? '').replace(/^Bearer /, '');
    return this.acceptAnyToken || [...this.tokens.values()].includes(token);
  }

  private listTemplates(req: http.IncomingMessage, businessAccountId: string, send: (s: number, b: unknown) => void) {
    if (!this.knownToken(req)) {
      return send(401, { error: { message: 'Invalid OAuth access token.', type: 'OAuthException', code: 190 } });
    }
    const list = this.templatesByBusinessAccount.get(businessAccountId);
    if (!list) {
      return send(400, {
        error: { message: `Unsupported get request. Object with ID '${businessAccountId}' does not exist`, code: 100 },
      });
    }
    send(200, {
      data: list.map((t, i) => ({
        id: String(1000 + i),
        name: t.name,
        language: t.language,
        status: t.status,
        category: 'UTILITY',
        components: [{ type: 'BODY', text: t.body }],
      })),
      paging: { cursors: { before: 'MAZDZD', after: 'MjQZD' } },
    });
  }
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
