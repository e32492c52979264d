/**
 * A local Twilio REST API for the real `twilio` SDK (through createTwilioClient's
 * base-URL rewrite: `https://api.twilio.com/...` → `{url}/api/...`). Speaks the wire
 * format of the endpoints we call: account fetch, incoming phone numbers, WhatsApp
 * senders, Content templates with their approvals, message create; and plays Twilio's status callbacks, signed like Twilio.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { randomBytes } from 'node:crypto';
import twilio from 'twilio';

export interface FakeTwilioAccount {
  sid: string;
  authToken: string;
  friendlyName?: string;
  incomingNumbers?: string[]; // E.164, e.g. +14155238886
  whatsappSenders?: string[]; // whatsapp:+14155238886
  /** Content API templates (`HX…`) with their WhatsApp approval status. */
  templates?: FakeContentTemplate[];
}

export interface FakeContentTemplate {
  sid: string;
  friendlyName: string;
  language: string;
  body: string;
  /** Placeholder → sample value, as Twilio keeps them. */
  variables?: Record<string, string>;
  /** WhatsApp approval: approved, pending, rejected, unsubmitted. */
  status: string;
}

export interface SentMessage {
  sid: string;
  accountSid: string;
  from: string;
  to: string;
  body?: string;
  contentSid?: string;
  contentVariables?: string;
  statusCallback?: string;
  mediaUrls: string[];
  status: string;
  createdAt: Date;
}

/** A Twilio error returned for the next create to a given recipient (or to anyone with '*'). */
export interface InjectedError {
  status: number;
  code: number;
  message: string;
}

export class FakeTwilio {
  readonly accounts = new Map<string, FakeTwilioAccount>();
  readonly messages: SentMessage[] = [];
  /** Recipient → error returned for every create to it (`*` = any recipient). */
  readonly errorsByRecipient = new Map<string, InjectedError>();
  url = '';
  /**
   * Sandbox mode: an unknown Account SID (well-formed) signs up on first use with
   * whatever token it presents, so "Connect Twilio" works offline.
   */
  openSignup = false;
  /** Media a customer sent, by ME sid: served behind the account's auth, then from "storage". */
  readonly media = new Map<string, { accountSid: string; bytes: Buffer; contentType: string }>();
  /** Called after each accepted message create (the sandbox plays delivery statuses from here). */
  onMessageCreated?: (message: SentMessage) => void;
  private server = http.createServer((req, res) => void this.handle(req, res));

  static async start(accounts: FakeTwilioAccount[] = []): Promise<FakeTwilio> {
    const fake = new FakeTwilio();
    for (const account of accounts) fake.addAccount(account);
    await new Promise<void>((resolve) => fake.server.listen(0, '127.0.0.1', resolve));
    fake.url = `http://127.0.0.1:${(fake.server.address() as AddressInfo).port}`;
    return fake;
  }

  addAccount(account: FakeTwilioAccount) {
    this.accounts.set(account.sid, account);
  }

  async stop() {
    this.server.closeAllConnections();
    await new Promise((resolve) => this.server.close(resolve));
  }

  /** Posts a status callback for a sent message, signed with its account's token, as Twilio does. */
  async sendStatus(messageSid: string, status: string, errorCode?: string): Promise<number> {
    const message = this.messages.find((m) => m.sid === messageSid);
    if (!message?.statusCallback) throw new Error(`message ${messageSid} has no status callback`);
    const account = this.accounts.get(message.accountSid)!;
    const params: Record<string, string> = {
      MessageSid: message.sid,
      SmsSid: message.sid,
      AccountSid: message.accountSid,
      From: message.from,
      To: message.to,
      MessageStatus: status,
      SmsStatus: status,
      ChannelPrefix: 'whatsapp',
      ...(errorCode ? { ErrorCode: errorCode } : {}),
    };
    message.status = status;
    const res = await fetch(message.statusCallback, {
      method: 'POST',
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        'x-twilio-signature': twilio.getExpectedTwilioSignature(account.authToken, message.statusCallback, params),
      },
      body: new URLSearchParams(params).toString(),
    });
    return res.status;
  }

  /**
   * Stores a customer's file; returns the MediaUrl Twilio would put in the webhook
   * (`https://api.twilio.com/...`, reached here through TWILIO_API_BASE_URL).
   */
  addMedia(accountSid: string, bytes: Buffer, contentType: string): string {
    const sid = `ME${randomBytes(16).toString('hex')}`;
    this.media.set(sid, { accountSid, bytes, contentType });
    return `https://api.twilio.com/2010-04-01/Accounts/${accountSid}/Messages/MM${randomBytes(16).toString('hex')}/Media/${sid}`;
  }

  private async handle(req: http.IncomingMessage, res: http.ServerResponse) {
    const url = new URL(req.url ?? '/', 'http://fake');
    const send = (status: number, body: unknown) => {
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(body));
    };
    // Signed storage (S3 in real life): no auth of its own, and it refuses a request carrying Twilio's.
    const stored = url.pathname.match(/^\/storage\/(ME\w+)$/);
    if (req.method === 'GET' && stored) {
      const file = this.media.get(stored[1]);
      if (!file) return send(404, { message: 'NoSuchKey' });
      if (req.headers.authorization) return send(400, { message: 'Only one auth mechanism allowed' });
      res.writeHead(200, { 'content-type': file.contentType, 'content-length': file.bytes.length });
      return void res.end(file.bytes);
    }
    const account = this.authenticate(req);
    if (!account)
      return send(401, {
        code: 20003,
        message: 'Authenticate',
        more_info: 'https://www.twilio.com/docs/errors/20003',
        status: 401,
      });

    let m: RegExpMatchArray | null;
    if (req.method === 'GET' && (m = url.pathname.match(/^\/api\/2010-04-01\/Accounts\/(AC\w+)\.json$/))) {
      if (m[1] !== account.sid) return send(404, notFound(url.pathname));
      return send(200, {
        sid: account.sid,
        friendly_name: account.friendlyName ?? 'Fake account',
        status: 'active',
        type: 'Full',
        date_created: rfc2822(new Date()),
      });
    }
    if (
      req.method === 'GET' &&
      (m = url.pathname.match(/^\/api\/2010-04-01\/Accounts\/(AC\w+)\/IncomingPhoneNumbers\.json$/))
    ) {
      const numbers = (account.incomingNumbers ?? []).map((phone, i) => ({
        sid: `PN${String(i).padStart(32, '0')}`,
        account_sid: account.sid,
        phone_number: phone,
        friendly_name: phone,
        capabilities: { sms: true, mms: false, voice: true },
      }));
      return send(200, {
        incoming_phone_numbers: numbers,
        page: 0,
        page_size: 50,
        next_page_uri: null,
        uri: url.pathname,
      });
    }
    if (req.method === 'GET' && url.pathname === '/messaging/v2/Channels/Senders') {
      const senders = (account.whatsappSenders ?? []).map((senderId, i) => ({
        sid: `XE${String(i).padStart(32, '0')}`,
        sender_id: senderId,
        status: 'ONLINE',
      }));
      return send(200, {
        senders,
        meta: { key: 'senders', page: 0, page_size: 50, next_page_url: null, previous_page_url: null, url: url.href },
      });
    }
    const mediaPath = url.pathname.match(/^\/api\/2010-04-01\/Accounts\/(AC\w+)\/Messages\/MM\w+\/Media\/(ME\w+)$/);
    if (req.method === 'GET' && mediaPath) {
      const file = this.media.get(mediaPath[2]);
      if (!file || file.accountSid !== account.sid || mediaPath[1] !== account.sid)
        return send(404, notFound(url.pathname));
      res.writeHead(307, { location: `${this.url}/storage/${mediaPath[2]}` });
      return void res.end();
    }
    if (req.method === 'GET' && url.pathname === '/content/v1/ContentAndApprovals') {
      const contents = (account.templates ?? []).map((t) => ({
        sid: t.sid,
        account_sid: account.sid,
        friendly_name: t.friendlyName,
        language: t.language,
        variables: t.variables ?? {},
        types: { 'twilio/text': { body: t.body } },
        approval_requests: {
          name: t.friendlyName,
          category: 'UTILITY',
          content_type: 'twilio/text',
          status: t.status,
          rejection_reason: '',
          allow_category_change: true,
          type: 'whatsapp',
        },
        date_created: new Date().toISOString(),
        date_updated: new Date().toISOString(),
      }));
      return send(200, {
        contents,
        meta: { key: 'contents', page: 0, page_size: 50, next_page_url: null, previous_page_url: null, url: url.href },
      });
    }
    if (req.method === 'POST' && (m = url.pathname.match(/^\/api\/2010-04-01\/Accounts\/(AC\w+)\/Messages\.json$/))) {
      const form = new URLSearchParams(await readBody(req));
      const to = form.get('To') ?? '';
      const injected = this.errorsByRecipient.get(to) ?? this.errorsByRecipient.get('*');
      if (injected)
        return send(injected.status, {
          code: injected.code,
          message: injected.message,
          more_info: `https://www.twilio.com/docs/errors/${injected.code}`,
          status: injected.status,
        });
      if (!to || !form.get('From'))
        return send(400, { code: 21604, message: "A 'To' phone number is required.", status: 400 });
      const message: SentMessage = {
        sid: `SM${randomBytes(16).toString('hex')}`,
        accountSid: account.sid,
        from: form.get('From')!,
        to,
        body: form.get('Body') ?? undefined,
        contentSid: form.get('ContentSid') ?? undefined,
        contentVariables: form.get('ContentVariables') ?? undefined,
        statusCallback: form.get('StatusCallback') ?? undefined,
        mediaUrls: form.getAll('MediaUrl'),
        status: 'queued',
        createdAt: new Date(),
      };
      this.messages.push(message);
      this.onMessageCreated?.(message);
      return send(201, {
        sid: message.sid,
        account_sid: account.sid,
        from: message.from,
        to: message.to,
        body: message.body ?? '',
        status: 'queued',
        num_segments: '1',
        direction: 'outbound-api',
        date_created: rfc2822(new Date()),
        error_code: null,
        error_message: null,
        uri: `/2010-04-01/Accounts/${account.sid}/Messages/${message.sid}.json`,
      });
    }
    return send(404, notFound(url.pathname));
  }

  private authenticate(req: http.IncomingMessage): FakeTwilioAccount | undefined {
    const header = req.headers.authorization ?? '';
    if (!header.startsWith('Basic ')) return undefined;
    const [sid, token] = Buffer.from(header.slice(6), 'base64').toString().split(':');
    if (this.openSignup && /^AC[0-9a-f]{32}$/i.test(sid) && token && !this.accounts.has(sid)) {
      this.addAccount({
        sid,
        authToken: token,
        friendlyName: 'Sandbox account',
        incomingNumbers: ['+15005550006'],
        whatsappSenders: ['whatsapp:+15005550006'],
        templates: SANDBOX_TEMPLATES,
      });
    }
    const account = this.accounts.get(sid);
    return account && account.authToken === token ? account : undefined;
  }
}

/** What a sandbox account has approved, so the 24-hour-window flow can be tried offline. */
const SANDBOX_TEMPLATES: FakeContentTemplate[] = [
  {
    sid: 'HX00000000000000000000000000000001',
    friendlyName: 'follow_up',
    language: 'en',
    body: 'Hi {{1}}, we have an update on your request. Reply to this message to continue the conversation.',
    variables: { '1': 'Marta' },
    status: 'approved',
  },
  {
    sid: 'HX00000000000000000000000000000002',
    friendlyName: 'appointment_reminder',
    language: 'en',
    body: 'Hello {{1}}, this is a reminder of your appointment on {{2}}. Reply YES to confirm.',
    variables: { '1': 'Marta', '2': 'Tuesday 10:00' },
    status: 'approved',
  },
  {
    sid: 'HX00000000000000000000000000000003',
    friendlyName: 'spring_offer',
    language: 'en',
    body: 'Our spring offer is here, {{1}}!',
    status: 'pending',
  },
];

function notFound(path: string) {
  return {
    code: 20404,
    message: `The requested resource ${path} was not found`,
    more_info: 'https://www.twilio.com/docs/errors/20404',
    status: 404,
  };
}

function rfc2822(date: Date) {
  return date.toUTCString().replace('GMT', '+0000');
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
