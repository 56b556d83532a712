/**
 * Minimal HTTP client of the query API for the CLI: the local API by default (optional bearer
 * token), or the deployed API with SigV4-signed requests (IAM authorisation on API Gateway).
 */
import { createSignedFetch, defaultCredentials, isExecuteApiHost, regionFromExecuteApiHost, SigningError, type CredentialSource, type FetchLike } from '../../adapters/http/signed-fetch';

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
  /** How requests are sent; a SigV4-signing fetch for the deployed API. Defaults to global fetch. */
  fetch?: FetchLike;
  /** `iam` when requests are SigV4-signed (shown in error messages). */
  auth?: 'iam' | 'token';
}

/** A bad GCM_API_* setting, reported before any request is made. */
export class ApiConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ApiConfigError';
  }
}

/**
 * Client options from the environment. GCM_API_AUTH=iam signs every request with SigV4 (service
 * execute-api) using the default AWS credential chain and AWS_REGION (or the region in an
 * execute-api host name); without GCM_API_AUTH an execute-api URL is signed too, anything else gets
 * the bearer token in GCM_API_TOKEN if set. GCM_API_AUTH=token forces the bearer-token behaviour.
 */
export function apiOptionsFromEnv(env: NodeJS.ProcessEnv = process.env, credentials?: CredentialSource): ApiClientOptions {
  const baseUrl = (env.GCM_API_URL || 'http://127.0.0.1:3000').replace(/\/+$/, '');
  let url: URL;
  try {
    url = new URL(baseUrl);
  } catch {
    throw new ApiConfigError(`GCM_API_URL is not a URL: ${baseUrl}`);
  }
  const mode = env.GCM_API_AUTH?.trim().toLowerCase() || (isExecuteApiHost(url.hostname) ? 'iam' : 'token');
  if (mode === 'token') return { baseUrl, token: env.GCM_API_TOKEN || undefined, auth: 'token' };
  if (mode !== 'iam') throw new ApiConfigError(`GCM_API_AUTH must be "iam" or "token", not "${env.GCM_API_AUTH}"`);
  const region = env.AWS_REGION || regionFromExecuteApiHost(url.hostname);
  if (!region) throw new ApiConfigError(`GCM_API_AUTH=iam needs AWS_REGION (the API's region): ${url.hostname} is not an execute-api host name to read it from`);
  return { baseUrl, auth: 'iam', fetch: createSignedFetch({ region, service: 'execute-api', credentials: credentials ?? defaultCredentials() }) };
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
    const send = this.opts.fetch ?? fetch;
    let res: Response;
    try {
      res = await send(`${this.opts.baseUrl}${path}`, { ...init, headers });
    } catch (err) {
      if (err instanceof SigningError) throw err;
      throw new ApiRequestError(0, 'unreachable', `cannot reach the API at ${this.opts.baseUrl}${this.unreachableHint()}: ${describe(err)}`);
    }
    if (!res.ok) {
      let code = 'http-error';
      let message = `${res.status} ${res.statusText}`;
      try {
        // Our API answers {"error": {code, message}}; API Gateway's own refusals are {"message"}.
        const body = (await res.json()) as { error?: { code?: string; message?: string }; message?: string };
        code = body.error?.code ?? code;
        message = body.error?.message ?? body.message ?? message;
      } catch {
        /* not JSON */
      }
      if (res.status === 403 && this.opts.auth !== 'iam' && !this.isLocal()) message += ' (the deployed API takes SigV4-signed requests only: set GCM_API_AUTH=iam)';
      throw new ApiRequestError(res.status, code, message);
    }
    return res;
  }

  private isLocal(): boolean {
    const host = new URL(this.opts.baseUrl).hostname;
    return host === 'localhost' || host === '127.0.0.1' || host === '[::1]';
  }

  private unreachableHint(): string {
    return this.isLocal() ? ' (is `npm start` running?)' : '';
  }
}

// fetch reports network failures as "fetch failed" with the reason in `cause`; signing and
// credential failures come as plain errors.
function describe(err: unknown): string {
  const e = err as Error & { cause?: Error };
  return e.cause?.message ? `${e.message}: ${e.cause.message}` : e.message;
}

export function query(params: Record<string, string | number | undefined>): string {
  const entries = Object.entries(params).filter(([, v]) => v !== undefined && v !== '') as Array<[string, string | number]>;
  return entries.length ? `?${new URLSearchParams(entries.map(([k, v]): [string, string] => [k, String(v)])).toString()}` : '';
}
