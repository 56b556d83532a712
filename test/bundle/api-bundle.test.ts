/**
 * The API Lambda bundle works on its own: built with the stack's esbuild options into a directory
 * with no node_modules above it, and invoked by a fresh `node` with HTTP API (payload 2.0) events,
 * reading the emulated table and signing an upload against the emulated bucket.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildFunctionBundle } from '../../infra/bundle-sizes';
import { startLocalServices, type LocalServices } from '../helpers/local-services';
import { localServicesEnv, noNodeModulesAbove, runDriver, taggedJson } from './run-bundle';

/** What API Gateway (HTTP API, payload format 2.0) hands the function for one request. */
function httpApiEvent(method: string, rawPath: string, body?: unknown) {
  const now = new Date();
  return {
    version: '2.0',
    routeKey: '$default',
    rawPath,
    rawQueryString: '',
    headers: { host: 'abc123.execute-api.us-east-1.amazonaws.com', ...(body ? { 'content-type': 'application/json' } : {}) },
    requestContext: {
      accountId: '000000000000',
      apiId: 'abc123',
      domainName: 'abc123.execute-api.us-east-1.amazonaws.com',
      domainPrefix: 'abc123',
      http: { method, path: rawPath, protocol: 'HTTP/1.1', sourceIp: '192.0.2.1', userAgent: 'bundle-test' },
      requestId: `req-${rawPath}`,
      routeKey: '$default',
      stage: '$default',
      time: now.toISOString(),
      timeEpoch: now.getTime(),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
    isBase64Encoded: false,
  };
}

describe('api bundle (as shipped to Lambda)', () => {
  let dir: string;
  let services: LocalServices;

  beforeAll(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'gcm-api-bundle-'));
    await buildFunctionBundle('api', dir);
    services = await startLocalServices();
  }, 180_000);

  afterAll(async () => {
    await services?.stop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('answers HTTP API events: element list from the table, presigned upload for the bucket', async () => {
    expect(noNodeModulesAbove(dir)).toBe(true);
    const events = {
      elements: httpApiEvent('GET', '/elements'),
      upload: httpApiEvent('POST', '/uploads', { filename: 'chairs-summary.pdf', process: 'rabat' }),
      missing: httpApiEvent('GET', '/no-such-route'),
    };
    const stdout = await runDriver(
      dir,
      'drive-api.mjs',
      `
      import { handler } from './index.mjs';
      const events = JSON.parse(process.env.TEST_EVENTS);
      const out = {};
      for (const [name, event] of Object.entries(events)) out[name] = await handler(event, { awsRequestId: name });
      console.log('RESULT ' + JSON.stringify(out));
      `,
      {
        TEST_EVENTS: JSON.stringify(events),
        ...localServicesEnv(services),
        POWERTOOLS_SERVICE_NAME: 'gcm-tagger-api',
      },
    );
    const out = taggedJson(stdout, 'RESULT') as Record<string, { statusCode: number; body: string }>;

    expect(out.elements.statusCode).toBe(200);
    const elements = JSON.parse(out.elements.body);
    expect(elements.elements).toHaveLength(24);
    expect(elements.themes).toHaveLength(6);
    expect(elements.elements.every((e: { documentCount: number }) => e.documentCount === 0)).toBe(true);

    expect(out.upload.statusCode).toBe(201);
    const upload = JSON.parse(out.upload.body);
    expect(upload.method).toBe('POST');
    expect(upload.key).toMatch(/^uploads\/.*\.pdf$/);
    expect(upload.url).toContain(services.s3Endpoint.replace(/^https?:\/\//, ''));
    expect(upload.fields).toHaveProperty('Policy');

    expect(out.missing.statusCode).toBe(404);
  });
});
