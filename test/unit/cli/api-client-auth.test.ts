import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { ApiClient, ApiConfigError, ApiRequestError, apiOptionsFromEnv } from '../../../shared/cli/commands/api-client';
import { expectedSignature, parseAuthorization } from './sigv4-reference';

const SECRET = 'cli-test-secret-key';
const creds = { accessKeyId: 'AKIDCLITEST', secretAccessKey: SECRET };

describe('apiOptionsFromEnv', () => {
  it('uses the bearer token, unsigned, for the local API', () => {
    const opts = apiOptionsFromEnv({ GCM_API_URL: 'http://127.0.0.1:3400/', GCM_API_TOKEN: 't0k' });
    expect(opts).toMatchObject({ baseUrl: 'http://127.0.0.1:3400', token: 't0k', auth: 'token' });
    expect(opts.fetch).toBeUndefined();
  });

  it('signs for an execute-api URL without being told, and never sends the bearer token there', () => {
    const opts = apiOptionsFromEnv({ GCM_API_URL: 'https://abc123defg.execute-api.eu-west-1.amazonaws.com', GCM_API_TOKEN: 't0k' }, creds);
    expect(opts.auth).toBe('iam');
    expect(opts.token).toBeUndefined();
    expect(typeof opts.fetch).toBe('function');
  });

  it('GCM_API_AUTH=iam on a custom domain needs AWS_REGION; GCM_API_AUTH=token turns signing off', () => {
    expect(() => apiOptionsFromEnv({ GCM_API_URL: 'https://gcm.example.org', GCM_API_AUTH: 'iam' }, creds)).toThrow(ApiConfigError);
    expect(() => apiOptionsFromEnv({ GCM_API_URL: 'https://gcm.example.org', GCM_API_AUTH: 'iam' }, creds)).toThrow(/AWS_REGION/);
    expect(apiOptionsFromEnv({ GCM_API_URL: 'https://gcm.example.org', GCM_API_AUTH: 'IAM', AWS_REGION: 'eu-west-1' }, creds).auth).toBe('iam');
    expect(apiOptionsFromEnv({ GCM_API_URL: 'https://abc123defg.execute-api.eu-west-1.amazonaws.com', GCM_API_AUTH: 'token' }).fetch).toBeUndefined();
  });

  it('rejects an unknown GCM_API_AUTH and a GCM_API_URL that is not a URL', () => {
    expect(() => apiOptionsFromEnv({ GCM_API_AUTH: 'sigv4' })).toThrow(/GCM_API_AUTH must be "iam" or "token"/);
    expect(() => apiOptionsFromEnv({ GCM_API_URL: '127.0.0.1:3000' })).toThrow(ApiConfigError);
  });
});

describe('ApiClient with GCM_API_AUTH=iam against a local server that checks signatures', () => {
  let server: Server;
  let base: string;
  const seen: Array<{ url: string; authorization?: string; token?: string }> = [];

  beforeAll(async () => {
    server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const r = { method: req.method!, rawUrl: req.url!, headers: req.headers, body: Buffer.concat(chunks) };
        seen.push({ url: req.url!, authorization: req.headers.authorization, token: req.headers['x-amz-security-token'] as string | undefined });
        const ok = expectedSignature(r, SECRET) === parseAuthorization(req.headers.authorization)?.signature;
        res.writeHead(ok ? 200 : 403, { 'content-type': 'application/json' });
        res.end(JSON.stringify(ok ? { path: req.url, body: r.body.toString() } : { message: 'The request signature we calculated does not match the signature you provided.' }));
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));
  afterEach(() => vi.unstubAllEnvs());

  it('signs GET and POST requests with credentials found by the default chain (here: the environment)', async () => {
    vi.stubEnv('AWS_ACCESS_KEY_ID', creds.accessKeyId);
    vi.stubEnv('AWS_SECRET_ACCESS_KEY', SECRET);
    vi.stubEnv('AWS_SESSION_TOKEN', 'session-from-env');
    const api = new ApiClient(apiOptionsFromEnv({ GCM_API_URL: base, GCM_API_AUTH: 'iam', AWS_REGION: 'eu-west-1' }));
    expect(await api.json('/documents/abc?limit=2&status=tagged')).toEqual({ path: '/documents/abc?limit=2&status=tagged', body: '' });
    const posted = await api.json('/uploads', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"filename":"x.pdf"}' });
    expect(posted.body).toBe('{"filename":"x.pdf"}');
    expect(seen.at(-1)?.authorization).toMatch(/^AWS4-HMAC-SHA256 Credential=AKIDCLITEST\/\d{8}\/eu-west-1\/execute-api\/aws4_request, /);
    expect(seen.at(-1)?.token).toBe('session-from-env');
  });

  it('surfaces API Gateway’s {"message"} refusal as a 403 ApiRequestError with that message', async () => {
    const api = new ApiClient(apiOptionsFromEnv({ GCM_API_URL: base, GCM_API_AUTH: 'iam', AWS_REGION: 'eu-west-1' }, { accessKeyId: 'AKIDCLITEST', secretAccessKey: 'wrong' }));
    const err = await api.json('/elements').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ApiRequestError);
    expect(err).toMatchObject({ status: 403, message: expect.stringMatching(/signature we calculated does not match/) });
  });
});
