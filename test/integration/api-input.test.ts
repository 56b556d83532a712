/**
 * Hostile and malformed API input, over real HTTP (@hono/node-server, as `npm start` serves it) against
 * the real repository on the emulators: every case must get a 4xx with a JSON error body
 * `{ error: { code, message } }`, never a 500, a stack trace or an HTML page.
 */
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serve, type ServerType } from '@hono/node-server';
import { startLocalServices, type LocalServices } from '../helpers/local-services';
import { DynamoDocumentRepository } from '../../shared/adapters/dynamodb/document-repository';
import { S3ExtractionCache } from '../../shared/adapters/s3/extraction-cache';
import { S3UploadSigner } from '../../shared/adapters/s3/presign';
import { createApi } from '../../shared/app/api';
import { loadTaxonomy } from '../../shared/core/taxonomy';
import { answerClientErrorsWithJson } from '../../shared/local/json-client-errors';
import type { ElementId } from '../../shared/core/taxonomy/types';

let services: LocalServices;
let server: ServerType;
let base: string;
let repo: DynamoDocumentRepository;
const logged: string[] = [];
const ids = ['a', 'b', 'c'].map((c) => c.repeat(64));

beforeAll(async () => {
  services = await startLocalServices();
  repo = new DynamoDocumentRepository({ client: services.dynamo.doc, table: services.table, cursorSecret: 'api-input-secret' });
  // Three tagged documents listed under element k (and theme 6), so every paged route has a cursor to tamper with.
  for (const [i, documentId] of ids.entries()) {
    await repo.registerDocument({ documentId, sha256: documentId, bucket: services.bucket, key: `uploads/doc-${i}.pdf`, byteLength: 100, process: 'Bali Process', meetingDate: '2023-01-0' + (i + 1) });
    await repo.writeVersion({
      documentId,
      version: 'test-1',
      extractorVersion: 'x',
      paragraphCount: 1,
      elements: [],
      tags: [],
      index: [
        { target: { kind: 'element', id: 'k' as ElementId }, score: 0.5 + i / 10, paragraphCount: 1, evidence: [] },
        { target: { kind: 'theme', id: 6 }, score: 0.5 + i / 10, paragraphCount: 1, evidence: [] },
      ],
      metadata: { process: 'Bali Process', meetingDate: '2023-01-0' + (i + 1) },
    });
    await repo.switchVersion({
      documentId,
      version: 'test-1',
      expectedCurrent: null,
      elements: [],
      paragraphCount: 1,
      facts: { title: `Document ${i}`, pages: 1, language: 'en', extractorVersion: 'x' },
    });
  }
  const api = createApi({
    repo,
    extractions: new S3ExtractionCache(services.s3, services.bucket, 'cache/'),
    taxonomy: loadTaxonomy(),
    signer: new S3UploadSigner(services.s3, services.bucket),
    uploadPrefix: 'uploads/',
    maxUploadBytes: 1_000_000,
    log: (msg, data) => logged.push(`${msg} ${JSON.stringify(data)}`),
  });
  server = serve({ fetch: api.fetch, port: 0, hostname: '127.0.0.1' });
  answerClientErrorsWithJson(server as Server); // as `npm start` does
  await new Promise<void>((resolve) => server.once('listening', () => resolve()));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}, 60_000);
afterAll(async () => {
  await new Promise<void>((resolve) => server?.close(() => resolve()));
  await services?.stop();
});

interface Answer {
  status: number;
  type: string;
  text: string;
  body: any;
}

async function call(pathAndQuery: string, init?: RequestInit): Promise<Answer> {
  const res = await fetch(`${base}${pathAndQuery}`, init);
  const text = await res.text();
  let body: any;
  try {
    body = JSON.parse(text);
  } catch {
    body = undefined;
  }
  return { status: res.status, type: res.headers.get('content-type') ?? '', text, body };
}

/** A client error with a JSON error body and nothing internal in it. */
function expectJsonClientError(a: Answer, what: string, status?: number) {
  const label = `${what} → ${a.status} ${a.text.slice(0, 200)}`;
  if (status) expect(a.status, label).toBe(status);
  expect(a.status, label).toBeGreaterThanOrEqual(400);
  expect(a.status, label).toBeLessThan(500);
  expect(a.type, label).toMatch(/application\/json/);
  expect(typeof a.body?.error?.code, label).toBe('string');
  expect(typeof a.body?.error?.message, label).toBe('string');
  expect(a.text, label).not.toMatch(/\bat .+\.(ts|js):\d+|node_modules|Error: |ValidationException|dynamodb/i);
}

async function expectAllRejected(paths: string[], status = 400, code?: string) {
  for (const p of paths) {
    const a = await call(p);
    expectJsonClientError(a, p, status);
    if (code) expect(a.body.error.code, p).toBe(code);
  }
}

describe('API input validation', () => {
  it('rejects invalid element ids', async () => {
    await expectAllRejected(
      ['z', 'A', 'K', 'aa', '1', '%20k', 'k%00', '%E2%80%8Bk', 'k%27%20OR%20%271%27%3D%271', '..%2F..%2Fetc%2Fpasswd', encodeURIComponent('<script>alert(1)</script>')].map(
        (id) => `/elements/${id}/documents`,
      ),
    );
    expect((await call('/elements/k/documents')).status).toBe(200);
  });

  it('rejects invalid themes, in the path and as a filter', async () => {
    await expectAllRejected(['0', '7', '-1', '1.5', 'abc', 'NaN', 'Infinity', '1e309', '6%00'].map((t) => `/themes/${t}/documents`));
    await expectAllRejected(['/elements/k/documents?theme=9', '/elements/k/documents?theme=x', '/themes/6/documents?theme=2']);
    expect((await call('/themes/6/documents')).status).toBe(200);
  });

  it('rejects invalid dates and date ranges', async () => {
    await expectAllRejected(
      ['2023-13-01', '2023-02-30', '2023-00-10', '20230101', '2023-1-1', '01/02/2023', '2023-01-01T00:00:00Z', 'yesterday', ''].map(
        (d) => `/elements/k/documents?from=${encodeURIComponent(d)}`,
      ),
    );
    await expectAllRejected(['/elements/k/documents?from=2024-01-01&to=2023-01-01', '/themes/6/documents?to=2023-02-29']);
    const ok = await call('/elements/k/documents?from=2023-01-02&to=2024-02-29');
    expect(ok.status).toBe(200);
    expect(ok.body.items.map((d: { documentId: string }) => d.documentId).sort()).toEqual([ids[1], ids[2]].sort());
  });

  it('rejects invalid limits and minimum scores', async () => {
    for (const route of ['/documents', '/elements/k/documents', '/themes/6/documents']) {
      await expectAllRejected(['0', '-1', '101', '1.5', 'abc', '', 'Infinity', '1e400', '10%00'].map((l) => `${route}?limit=${l}`));
    }
    await expectAllRejected(['-0.1', '1.01', 'abc', 'NaN', ''].map((s) => `/elements/k/documents?minScore=${s}`));
    expect((await call('/documents?limit=100')).status).toBe(200);
  });

  it('rejects tampered, truncated, forged and foreign cursors', async () => {
    const page = await call('/elements/k/documents?limit=1');
    expect(page.status).toBe(200);
    const cursor: string = page.body.nextCursor;
    expect(cursor).toBeTruthy();
    const [body, sig] = cursor.split('.');
    const decoded = JSON.parse(Buffer.from(body, 'base64url').toString());
    const forgedBody = Buffer.from(JSON.stringify({ ...decoded, p: { ...decoded.p, gsi1sk: '9999999#zzz' } })).toString('base64url');
    const otherSecret = new DynamoDocumentRepository({ client: services.dynamo.doc, table: services.table, cursorSecret: 'another deployment' });
    const foreignDeployment = (await otherSecret.rankByElement('k' as ElementId, { limit: 1 })).nextCursor!;
    const fromDocuments = (await call('/documents?limit=1')).body.nextCursor as string;
    const fromFiltered = (await call('/elements/k/documents?limit=1&process=Bali%20Process')).body.nextCursor as string;
    const bad = [
      `${body}.${sig.slice(0, -1)}${sig.endsWith('A') ? 'B' : 'A'}`, // signature changed
      `${forgedBody}.${sig}`, // position changed, old signature
      cursor.slice(0, cursor.length - 5), // truncated
      body, // no signature
      '.',
      'not-a-cursor',
      'eyJxIjoiYSJ9.' + 'A'.repeat(32),
      '%FF%FE',
      'x'.repeat(5000),
    ];
    for (const c of bad) expectJsonClientError(await call(`/elements/k/documents?limit=1&cursor=${encodeURIComponent(c)}`), `cursor ${c.slice(0, 40)}`, 400);
    // Valid cursors, but from another deployment, another route, another filter or another element.
    expectJsonClientError(await call(`/elements/k/documents?limit=1&cursor=${encodeURIComponent(foreignDeployment)}`), 'foreign deployment', 400);
    expectJsonClientError(await call(`/elements/k/documents?limit=1&cursor=${encodeURIComponent(fromDocuments)}`), 'documents cursor on ranking', 400);
    expectJsonClientError(await call(`/documents?limit=1&cursor=${encodeURIComponent(cursor)}`), 'ranking cursor on documents', 400);
    expectJsonClientError(await call(`/elements/k/documents?limit=1&cursor=${encodeURIComponent(fromFiltered)}`), 'cursor of a filtered query', 400);
    expectJsonClientError(await call(`/elements/l/documents?limit=1&cursor=${encodeURIComponent(cursor)}`), 'cursor of another element', 400);
    expectJsonClientError(await call(`/themes/6/documents?limit=1&cursor=${encodeURIComponent(cursor)}`), 'element cursor on theme', 400);
    // The genuine one still works.
    expect((await call(`/elements/k/documents?limit=1&cursor=${encodeURIComponent(cursor)}`)).status).toBe(200);
  });

  it('rejects oversized query strings and parameters', async () => {
    await expectAllRejected([`/elements/k/documents?process=${'p'.repeat(81)}`, `/documents?cursor=${'c'.repeat(4097)}`]);
    // A query string of ~10 kB (about what API Gateway still forwards) is refused by the app's validation.
    expectJsonClientError(await call(`/elements/k/documents?process=${'x'.repeat(10_000)}`), 'long query', 400);
    expectJsonClientError(await call(`/documents?${Array.from({ length: 500 }, (_, i) => `p${i}=1`).join('&')}`), 'many parameters', 400);
    expectJsonClientError(await call(`/documents?limit=${'9'.repeat(5000)}`), 'long number', 400);
    // Past Node's 16 KiB header limit the HTTP parser rejects the request before the app sees it.
    expectJsonClientError(await call(`/documents?cursor=${'c'.repeat(20_000)}`), 'over the header limit', 431);
  });

  it('rejects injection-looking strings in every parameter', async () => {
    const nasty = [
      "' OR '1'='1",
      "x'; DROP TABLE documents; --",
      '{"$gt":""}',
      '<script>alert(1)</script>',
      '${jndi:ldap://127.0.0.1/a}',
      '#pk = :pk',
      'attribute_exists(pk)',
      '\u0000',
      '../../etc/passwd',
      '%00',
    ];
    for (const s of nasty) {
      const q = encodeURIComponent(s);
      await expectAllRejected([
        `/elements/${q}/documents`,
        `/themes/${q}/documents`,
        `/documents/${q}`,
        `/documents/${q}/paragraphs`,
        `/elements/k/documents?process=${q}`,
        `/elements/k/documents?type=${q}`,
        `/documents?status=${q}`,
        `/documents/${ids[0]}/paragraphs?element=${q}`,
        `/coverage?format=${q}`,
        `/elements/k/documents?${q}=1`,
      ].filter((p) => !(s === '../../etc/passwd' && p.startsWith('/documents/') && !p.includes('?'))));
    }
    // Malformed percent-encoding is a client error too.
    expectJsonClientError(await call('/elements/k/documents?process=%E0%A4%A'), 'bad percent-encoding', 400);
    expect(logged.filter((l) => l.startsWith('unhandled'))).toEqual([]);
  });

  it('rejects malformed upload requests', async () => {
    const post = (body: string, type = 'application/json') => call('/uploads', { method: 'POST', headers: { 'content-type': type }, body });
    for (const [body, what] of [
      ['{', 'truncated JSON'],
      ['[]', 'array'],
      ['null', 'null'],
      ['"report.pdf"', 'string'],
      [JSON.stringify({ filename: 'x.exe' }), 'not a pdf name'],
      [JSON.stringify({ filename: `${'a'.repeat(300)}.pdf` }), 'long file name'],
      [JSON.stringify({ filename: 'a.pdf', contentLength: -5 }), 'negative length'],
      [JSON.stringify({ filename: 'a.pdf', meetingDate: '2023-02-30' }), 'impossible date'],
      [JSON.stringify({ filename: 'a.pdf', process: "' OR 1=1 --" }), 'injection process'],
      [JSON.stringify({ filename: 'a.pdf', type: 'poem' }), 'unknown type'],
      [JSON.stringify({ filename: 'a.pdf', extra: 1 }), 'unknown field'],
      ['{"filename":"a.pdf","__proto__":{"polluted":true}}', 'prototype key'],
      ['{"filename":"a.pdf","constructor":{"prototype":{"polluted":true}}}', 'constructor key'],
    ] as const) {
      expectJsonClientError(await post(body), what, 400);
    }
    expectJsonClientError(await post(JSON.stringify({ filename: 'a.pdf', contentLength: 2_000_000 })), 'too large', 413);
    expectJsonClientError(await post('filename=a.pdf', 'application/x-www-form-urlencoded'), 'form body', 400);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('answers unknown routes and methods with JSON 404s', async () => {
    await expectAllRejected(['/nope', '/documents/', '/elements/k', '/elements/k/documents/extra', '/%2e%2e/%2e%2e/etc/passwd'], 404);
    expectJsonClientError(await call('/documents', { method: 'DELETE' }), 'DELETE', 404);
    expectJsonClientError(await call('/elements', { method: 'PUT', body: '{}' }), 'PUT', 404);
  });
});
