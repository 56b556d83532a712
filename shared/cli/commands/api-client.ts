/** Minimal HTTP client of the query API for the CLI (local API by default). */
export class ApiRequestError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'ApiRequestError';
  }
}

export interface ApiClientOptions {
  baseUrl: string;
  token?: string;
}

export function apiOptionsFromEnv(env: NodeJS.ProcessEnv = process.env): ApiClientOptions {
  return { baseUrl: (env.GCM_API_URL || 'http://127.0.0.1:3000').replace(/\/+$/, ''), token: env.GCM_API_TOKEN || undefined };
}

export class ApiClient {
  constructor(private readonly opts: ApiClientOptions) {}

  async json<T = any>(path: string, init: RequestInit = {}): Promise<T> {
    const res = await this.request(path, init);
    return (await res.json()) as T;
  }

  async text(path: string): Promise<string> {
    return (await this.request(path)).text();
  }

  private async request(path: string, init: RequestInit = {}): Promise<Response> {
    const headers = new Headers(init.headers);
    if (this.opts.token) headers.set('authorization', `Bearer ${this.opts.token}`);
    let res: Response;
    try {
      res = await fetch(`${this.opts.baseUrl}${path}`, { ...init, headers });
    } catch (err) {
      throw new ApiRequestError(0, 'unreachable', `cannot reach the API at ${this.opts.baseUrl} (is \`npm start\` running?): ${(err as Error).message}`);
    }
    if (!res.ok) {
      let code = 'http-error';
      let message = `${res.status} ${res.statusText}`;
      try {
        const body = (await res.json()) as { error?: { code?: string; message?: string } };
        code = body.error?.code ?? code;
        message = body.error?.message ?? message;
      } catch {
        /* not JSON */
      }
      throw new ApiRequestError(res.status, code, message);
    }
    return res;
  }
}

export function query(params: Record<string, string | number | undefined>): string {
  const entries = Object.entries(params).filter(([, v]) => v !== undefined && v !== '') as Array<[string, string | number]>;
  return entries.length ? `?${new URLSearchParams(entries.map(([k, v]): [string, string] => [k, String(v)])).toString()}` : '';
}
