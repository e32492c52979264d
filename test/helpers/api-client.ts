/* eslint-disable @typescript-eslint/no-explicit-any -- tests read arbitrary JSON bodies */
/** A small JSON client for the API tests: signs in through POST /api/auth/login and keeps the cookie. */
export interface ApiResponse<T = any> {
  status: number;
  body: T;
  headers: Headers;
}

export class ApiClient {
  constructor(
    readonly baseUrl: string,
    private cookie?: string,
  ) {}

  static async signIn(baseUrl: string, email: string, password = 'demo1234'): Promise<ApiClient> {
    const client = new ApiClient(baseUrl);
    const res = await client.request('POST', '/api/auth/login', { email, password });
    if (res.status !== 200)
      throw new Error(`API login as ${email} failed: HTTP ${res.status} ${JSON.stringify(res.body)}`);
    return client;
  }

  async request<T = any>(
    method: string,
    path: string,
    body?: unknown,
    headers: Record<string, string> = {},
  ): Promise<ApiResponse<T>> {
    const res = await fetch(this.baseUrl + path, {
      method,
      headers: {
        ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
        ...(this.cookie ? { cookie: this.cookie } : {}),
        ...headers,
      },
      body: body !== undefined ? JSON.stringify(body) : undefined,
      redirect: 'manual',
    });
    const setCookie = res.headers.get('set-cookie');
    if (setCookie) this.cookie = setCookie.split(';')[0];
    const text = await res.text();
    let parsed: unknown = text;
    try {
      parsed = text ? JSON.parse(text) : undefined;
    } catch {
      // not JSON (HTML pages): keep the text
    }
    return { status: res.status, body: parsed as T, headers: res.headers };
  }

  /** The session cookie, for requests this client does not make itself (form posts). */
  get cookieHeader(): string | undefined {
    return this.cookie;
  }

  get = <T = any>(path: string) => this.request<T>('GET', path);
  post = <T = any>(path: string, body?: unknown) => this.request<T>('POST', path, body ?? {});
  put = <T = any>(path: string, body?: unknown) => this.request<T>('PUT', path, body ?? {});
  delete = <T = any>(path: string) => this.request<T>('DELETE', path);
}
