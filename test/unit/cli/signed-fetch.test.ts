import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSignedFetch, regionFromExecuteApiHost, isExecuteApiHost, signRequest, SigningError, type SigV4Options } from '../../../shared/adapters/http/signed-fetch';
import { expectedSignature, parseAuthorization } from './sigv4-reference';

const SECRET = 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY';
const fixed: SigV4Options = {
  region: 'eu-west-1',
  service: 'execute-api',
  credentials: { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: SECRET },
  now: () => new Date('2026-11-30T03:15:00Z'),
};
const API = 'https://abc123defg.execute-api.eu-west-1.amazonaws.com';

async function authOf(url: string, init: RequestInit = {}, opts = fixed) {
  const headers = await signRequest(url, init, opts);
  return { headers, auth: parseAuthorization(headers.get('authorization') ?? undefined) };
}

describe('signRequest', () => {
  it('produces an AWS4-HMAC-SHA256 Authorization header scoped to the date, region and execute-api', async () => {
    const { headers, auth } = await authOf(`${API}/elements/k/documents?limit=5`);
    expect(headers.get('authorization')).toMatch(
      /^AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE\/20261130\/eu-west-1\/execute-api\/aws4_request, SignedHeaders=[a-z0-9;-]+, Signature=[0-9a-f]{64}$/,
    );
    expect(headers.get('x-amz-date')).toBe('20261130T031500Z');
    expect(auth?.signedHeaders).toContain('host');
    expect(auth?.signedHeaders).toContain('x-amz-date');
    // fetch sets Host from the URL; the signer's copy must not be handed to it.
    expect(headers.has('host')).toBe(false);
  });

  it('signs the request headers it is given, and the session token of temporary credentials', async () => {
    const { headers, auth } = await authOf(
      `${API}/uploads`,
      { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"filename":"a.pdf"}' },
      { ...fixed, credentials: async () => ({ accessKeyId: 'ASIAEXAMPLE', secretAccessKey: SECRET, sessionToken: 'token-123' }) },
    );
    expect(auth?.accessKeyId).toBe('ASIAEXAMPLE');
    expect(auth?.signedHeaders).toEqual(expect.arrayContaining(['content-type', 'host', 'x-amz-date', 'x-amz-security-token']));
    expect(headers.get('x-amz-security-token')).toBe('token-123');
    expect(headers.get('content-type')).toBe('application/json');
  });

  it('is deterministic for fixed credentials and date, and changes with the body, path, query, method, date or region', async () => {
    const base = { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"filename":"a.pdf"}' };
    const sig = async (url: string, init: RequestInit = base, opts = fixed) => (await authOf(url, init, opts)).auth!.signature;
    const reference = await sig(`${API}/uploads`);
    expect(await sig(`${API}/uploads`)).toBe(reference);
    const variants = [
      await sig(`${API}/uploads`, { ...base, body: '{"filename":"b.pdf"}' }),
      await sig(`${API}/uploadz`),
      await sig(`${API}/uploads?x=1`),
      await sig(`${API}/uploads`, { ...base, method: 'PUT' }),
      await sig(`${API}/uploads`, base, { ...fixed, now: () => new Date('2026-11-30T03:15:01Z') }),
      await sig(`${API}/uploads`, base, { ...fixed, region: 'us-east-1' }),
    ];
    for (const v of variants) expect(v).not.toBe(reference);
    expect(new Set(variants).size).toBe(variants.length);
  });

  it('computes the signature an independent SigV4 implementation expects (encoded path, unsorted and repeated query)', async () => {
    const url = `${API}/documents/a%20b%2Bc/paragraphs?element=k&limit=5&element=a&q=x%2Fy`;
    const init = { method: 'GET', headers: { accept: 'application/json' } };
    const headers = await signRequest(url, init, fixed);
    const u = new URL(url);
    const received = { method: 'GET', rawUrl: `${u.pathname}${u.search}`, headers: { ...Object.fromEntries(headers), host: u.host }, body: '' };
    expect(parseAuthorization(headers.get('authorization')!)!.signature).toBe(expectedSignature(received, SECRET));
    expect(expectedSignature(received, 'another-secret')).not.toBe(parseAuthorization(headers.get('authorization')!)!.signature);
  });

  it('refuses bodies it cannot hash before sending (streams, forms) with a SigningError', async () => {
    const form = new FormData();
    form.append('a', 'b');
    await expect(signRequest(`${API}/uploads`, { method: 'POST', body: form }, fixed)).rejects.toBeInstanceOf(SigningError);
  });

  it('reports a credential failure as a SigningError naming the host', async () => {
    const signed = createSignedFetch({ ...fixed, credentials: async () => Promise.reject(new Error('Could not load credentials from any providers')) });
    await expect(signed(`${API}/elements`)).rejects.toThrow(/cannot sign the request to abc123defg\.execute-api\.eu-west-1\.amazonaws\.com: Could not load credentials/);
  });
});

describe('execute-api host names', () => {
  it('reads the region from a default API Gateway endpoint and nothing else', () => {
    expect(regionFromExecuteApiHost('abc123defg.execute-api.eu-west-1.amazonaws.com')).toBe('eu-west-1');
    expect(regionFromExecuteApiHost('abc123defg.execute-api.cn-north-1.amazonaws.com.cn')).toBe('cn-north-1');
    expect(isExecuteApiHost('abc123defg.execute-api.us-east-1.amazonaws.com')).toBe(true);
    for (const host of ['127.0.0.1', 'api.example.org', 'execute-api.eu-west-1.amazonaws.com', 'abc.execute-api.eu-west-1.amazonaws.com.evil.org']) {
      expect(regionFromExecuteApiHost(host)).toBeUndefined();
      expect(isExecuteApiHost(host)).toBe(false);
    }
  });
});

describe('createSignedFetch against a local HTTP server', () => {
  const received: Array<{ method: string; rawUrl: string; headers: IncomingMessage['headers']; body: Buffer }> = [];
  let server: Server;
  let base: string;

  beforeAll(async () => {
    server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const r = { method: req.method!, rawUrl: req.url!, headers: req.headers, body: Buffer.concat(chunks) };
        received.push(r);
        // Answer as API Gateway would: 403 unless the signature checks out.
        const auth = parseAuthorization(req.headers.authorization);
        const ok = auth !== undefined && auth.signature === expectedSignature(r, SECRET);
        res.writeHead(ok ? 200 : 403, { 'content-type': 'application/json' });
        res.end(JSON.stringify(ok ? { ok: true } : { message: 'Forbidden' }));
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it('delivers the signature headers, and the server verifies them for a GET and a POST with a body', async () => {
    const signed = createSignedFetch({ ...fixed, now: () => new Date() });
    const get = await signed(`${base}/elements/k/documents?minScore=0.5&limit=5`);
    expect(get.status).toBe(200);
    const post = await signed(`${base}/uploads`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"filename":"x.pdf"}' });
    expect(post.status).toBe(200);
    const [g, p] = received.slice(-2);
    expect(g!.headers.authorization).toMatch(/^AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE\//);
    expect(g!.headers['x-amz-date']).toMatch(/^\d{8}T\d{6}Z$/);
    expect(g!.headers.host).toBe(new URL(base).host);
    expect(p!.body.toString()).toBe('{"filename":"x.pdf"}');
    expect(parseAuthorization(p!.headers.authorization)?.signedHeaders).toContain('content-type');
  });

  it('is refused when the body is changed after signing, or when the request is not signed', async () => {
    const init = { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"filename":"x.pdf"}' };
    const headers = await signRequest(`${base}/uploads`, init, { ...fixed, now: () => new Date() });
    const tampered = await fetch(`${base}/uploads`, { ...init, headers, body: '{"filename":"y.pdf"}' });
    expect(tampered.status).toBe(403);
    expect((await fetch(`${base}/elements`)).status).toBe(403);
  });
});
