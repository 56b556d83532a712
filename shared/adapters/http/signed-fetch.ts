/**
 * SigV4-signed fetch for the deployed API: API Gateway's IAM authorisation rejects (403) any request
 * that is not signed for the `execute-api` service by a principal allowed to invoke the route.
 * The signing itself is the AWS SDK's (`@smithy/signature-v4` with the SDK's SHA-256); this module
 * only turns a fetch call into the request shape the signer expects and back.
 */
// The signer, its hash and the credential chain are imported when a request is first signed, not
// at load: every CLI command loads this module, and most talk to the local API unsigned.

export interface AwsCredentials {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken?: string;
}

/** Fixed credentials, or a function that resolves them (the SDK's providers are such functions). */
export type CredentialSource = AwsCredentials | (() => Promise<AwsCredentials>);

export interface SigV4Options {
  region: string;
  /** Signing name; API Gateway's is `execute-api`. */
  service?: string;
  credentials: CredentialSource;
  /** Clock used as the signing date; fixed in tests so that signatures are reproducible. */
  now?: () => Date;
}

export type FetchLike = (input: string | URL, init?: RequestInit) => Promise<Response>;

/** A request that cannot be signed as given (a streamed body, a bad URL, no region). */
export class SigningError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SigningError';
  }
}

const EXECUTE_API_HOST = /^[a-z0-9]+\.execute-api\.([a-z0-9-]+)\.amazonaws\.com(?:\.cn)?$/i;

/** The region of a default API Gateway endpoint (`<id>.execute-api.<region>.amazonaws.com`), else undefined. */
export function regionFromExecuteApiHost(hostname: string): string | undefined {
  return EXECUTE_API_HOST.exec(hostname)?.[1]?.toLowerCase();
}

export function isExecuteApiHost(hostname: string): boolean {
  return EXECUTE_API_HOST.test(hostname);
}

/**
 * The SigV4 headers for one request (`authorization`, `x-amz-date`, and `x-amz-security-token`
 * for temporary credentials), merged with the request's own headers. `host` is signed but is left
 * out of the result: fetch sets it from the URL, to the same value.
 */
export async function signRequest(url: string | URL, init: RequestInit, opts: SigV4Options): Promise<Headers> {
  const target = new URL(url);
  const method = (init.method ?? 'GET').toUpperCase();
  const headers: Record<string, string> = {};
  new Headers(init.headers).forEach((value, name) => {
    headers[name] = value;
  });
  headers.host = target.host;

  const [{ SignatureV4 }, { Sha256 }] = await Promise.all([import('@smithy/signature-v4'), import('@smithy/core/checksum')]);
  const signer = new SignatureV4({
    service: opts.service ?? 'execute-api',
    region: opts.region,
    credentials: typeof opts.credentials === 'function' ? opts.credentials : async () => opts.credentials as AwsCredentials,
    sha256: Sha256,
  });
  const signed = await signer.sign(
    {
      method,
      protocol: target.protocol,
      hostname: target.hostname,
      port: target.port ? Number(target.port) : undefined,
      // The path as it goes on the wire (already percent-encoded once); the signer encodes each
      // segment again, which is the canonical form for every service but S3.
      path: target.pathname,
      query: queryOf(target.searchParams),
      headers,
      body: bodyOf(init.body),
    },
    { signingDate: opts.now?.() ?? new Date() },
  );

  const out = new Headers();
  for (const [name, value] of Object.entries(signed.headers)) {
    if (name.toLowerCase() !== 'host') out.set(name, value);
  }
  return out;
}

/** A fetch that signs every request with `opts` before sending it with `baseFetch`. */
export function createSignedFetch(opts: SigV4Options, baseFetch: FetchLike = fetch): FetchLike {
  return async (input, init = {}) => {
    let headers: Headers;
    try {
      headers = await signRequest(input, init, opts);
    } catch (err) {
      // Mostly "no credentials found": say so rather than letting it pass for a network failure.
      if (err instanceof SigningError) throw err;
      throw new SigningError(`cannot sign the request to ${new URL(input).host}: ${(err as Error).message}`);
    }
    return baseFetch(input, { ...init, headers });
  };
}

/**
 * The default AWS credential chain (environment, SSO/profile files, web identity, container and
 * instance metadata), resolved once and refreshed by the SDK when temporary credentials expire.
 */
export function defaultCredentials(): () => Promise<AwsCredentials> {
  let provider: Promise<() => Promise<AwsCredentials>> | undefined;
  return async () => {
    provider ??= import('@aws-sdk/credential-provider-node').then((m) => m.defaultProvider());
    return (await provider)();
  };
}

function queryOf(params: URLSearchParams): Record<string, string | string[]> {
  const query: Record<string, string | string[]> = {};
  for (const [key, value] of params) {
    const seen = query[key];
    if (seen === undefined) query[key] = value;
    else query[key] = Array.isArray(seen) ? [...seen, value] : [seen, value];
  }
  return query;
}

// The payload hash is part of the signature, so the body must be known in full before sending.
function bodyOf(body: RequestInit['body']): string | Uint8Array | undefined {
  if (body === undefined || body === null) return undefined;
  if (typeof body === 'string') return body;
  if (body instanceof Uint8Array) return body;
  if (body instanceof ArrayBuffer) return new Uint8Array(body);
  if (body instanceof URLSearchParams) return body.toString();
  throw new SigningError('only string, URLSearchParams or byte bodies can be signed; read streams, forms and blobs into memory first');
}
