/**
 * The CLI against a running local API, the optional bearer token, and what happens when storage
 * keeps failing until the last delivery.
 */
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { makePdf } from '../../helpers/pdf-fixtures';
import { startTestPipeline, type TestPipeline } from '../../helpers/local-pipeline';
import { buildProgram } from '../../../shared/cli/gcm';
import { findPdfs, UsageError } from '../../../shared/cli/commands/upload';
import { createApi } from '../../../shared/app/api';
import { ingestObject } from '../../../shared/app/ingest';
import { loadTaxonomy } from '../../../shared/core/taxonomy';
import { S3UploadSigner } from '../../../shared/adapters/s3/presign';

let p: TestPipeline;
let dir: string;
const savedUrl = process.env.GCM_API_URL;

beforeAll(async () => {
  p = await startTestPipeline();
  process.env.GCM_API_URL = p.apiUrl;
  dir = mkdtempSync(path.join(tmpdir(), 'gcm-cli-'));
});
afterAll(async () => {
  process.env.GCM_API_URL = savedUrl;
  rmSync(dir, { recursive: true, force: true });
  await p?.stop();
});
afterEach(() => vi.restoreAllMocks());

async function runCli(...args: string[]): Promise<string> {
  const out: string[] = [];
  vi.spyOn(console, 'log').mockImplementation((...a: unknown[]) => void out.push(a.join(' ')));
  vi.spyOn(console, 'error').mockImplementation(() => {});
  await buildProgram().exitOverride().parseAsync(['node', 'gcm', ...args]);
  vi.restoreAllMocks();
  return out.join('\n');
}

describe('gcm CLI', () => {
  it('uploads a folder through the API with metadata, then lists, shows and ranks the documents', async () => {
    const a = await makePdf({ pages: [{ paragraphs: ['States will prevent trafficking in persons and prosecute traffickers and smugglers.'] }] });
    const b = await makePdf({ pages: [{ paragraphs: ['Remittances sent by migrant workers should cost less to transfer, and diaspora investment should be encouraged.'] }] });
    writeFileSync(path.join(dir, 'a.pdf'), a);
    writeFileSync(path.join(dir, 'b.pdf'), b);
    writeFileSync(path.join(dir, 'notes.txt'), 'not a pdf');
    expect(findPdfs(dir).map((f) => path.basename(f))).toEqual(['a.pdf', 'b.pdf']);

    const upload = await runCli('upload', dir, '--process', 'Bali Process', '--type', 'report', '--date', '2020-01-31', '--wait');
    expect(upload).toMatch(/2 uploaded, 0 failed/);
    const idA = createHash('sha256').update(a).digest('hex');
    expect(upload).toContain(idA.slice(0, 12));

    const docs = JSON.parse(await runCli('documents', '--json', '--all'));
    expect(docs).toHaveLength(2);
    expect(docs.every((d: { process: string; status: string }) => d.process === 'Bali Process' && d.status === 'tagged')).toBe(true);

    const shown = await runCli('show', idA.slice(0, 10));
    expect(shown).toContain(idA);
    expect(shown).toMatch(/^k\s+Trafficking/m);

    const ranked = JSON.parse(await runCli('element', 'k', '--json'));
    expect(ranked.items.map((d: { documentId: string }) => d.documentId)).toEqual([idA]);

    const out = path.join(dir, 'coverage.csv');
    await runCli('coverage', '--csv', '--out', out);
    const csv = readFileSync(out, 'utf8');
    expect(csv.split('\r\n').filter(Boolean)).toHaveLength(3);
    expect(csv).toContain(idA);
  });

  it('refuses bad input before uploading anything', async () => {
    await expect(runCli('upload', path.join(dir, 'missing.pdf'))).rejects.toBeInstanceOf(UsageError);
    await expect(runCli('upload', dir, '--type', 'poem')).rejects.toThrow(/--type/);
    await expect(runCli('upload', dir, '--date', '2020-02-30')).rejects.toThrow(/--date/);
  });
});

describe('API bearer token', () => {
  it('requires the token when configured, except on /health', async () => {
    const app = createApi({
      repo: p.runtime.repo,
      extractions: p.runtime.ingestDeps.cache,
      taxonomy: loadTaxonomy(),
      signer: new S3UploadSigner(p.runtime.s3, p.runtime.bucket),
      uploadPrefix: 'uploads/',
      maxUploadBytes: 1000,
      apiToken: 's3cret-token',
    });
    expect((await app.request('/health')).status).toBe(200);
    const denied = await app.request('/documents');
    expect(denied.status).toBe(401);
    expect(await denied.json()).toEqual({ error: { code: 'unauthorized', message: 'missing or wrong bearer token' } });
    expect((await app.request('/documents', { headers: { authorization: 'Bearer wrong' } })).status).toBe(401);
    expect((await app.request('/documents', { headers: { authorization: 'Bearer s3cret-token' } })).status).toBe(200);
    const big = await app.request('/uploads', {
      method: 'POST',
      headers: { authorization: 'Bearer s3cret-token', 'content-type': 'application/json' },
      body: JSON.stringify({ filename: 'x.pdf', contentLength: 5000 }),
    });
    expect(big.status).toBe(413);
  });
});

describe('failures until the last delivery', () => {
  it('rethrows while retries remain, and records `failed` with the reason on the last one', async () => {
    const bytes = await makePdf({ pages: [{ paragraphs: ['States will cooperate on return and readmission of migrants.'] }] });
    const key = 'uploads/flaky.pdf';
    const id = createHash('sha256').update(bytes).digest('hex');
    const deps = p.runtime.ingestDeps;
    // Storage that fails every paragraph write, as a throttled or unreachable table would.
    const failing = {
      ...deps,
      repo: Object.assign(Object.create(Object.getPrototypeOf(deps.repo)), deps.repo, {
        writeVersion: async () => {
          throw new Error('ProvisionedThroughputExceededException');
        },
      }),
    };
    await p.upload(key, bytes);
    await p.runtime.idle();
    // An object deleted before its event is handled is skipped, not retried.
    await expect(ingestObject(failing, { bucket: p.runtime.bucket, key: 'uploads/deleted-meanwhile.pdf' })).resolves.toMatchObject({ outcome: 'skipped' });
    // Force a fresh attempt of this document: it is tagged already, so give it a new version label.
    const retagging = { ...failing, classifier: Object.assign(Object.create(Object.getPrototypeOf(deps.classifier)), deps.classifier, { version: 'clf-retry' }) };
    await expect(ingestObject(retagging, { bucket: p.runtime.bucket, key })).rejects.toThrow(/Throughput/);
    const last = await ingestObject(retagging, { bucket: p.runtime.bucket, key, finalAttempt: true });
    expect(last).toMatchObject({ outcome: 'failed', documentId: id });
    const doc = (await p.get(`/documents/${id}`)).body;
    expect(doc.status).toBe('failed');
    expect(doc.reason).toMatch(/ProvisionedThroughputExceeded/);
    // The version that was complete stays current and served.
    expect(doc.currentVersion).toBe(deps.classifier.version);
  });

  it('records an object over the size limit as failed without buffering it', async () => {
    const bytes = await makePdf({ pages: [{ paragraphs: ['A long report on migration data and statistics, too large for this limit.'] }] });
    await p.upload('uploads/huge.pdf', bytes);
    await p.runtime.idle();
    const id = createHash('sha256').update(bytes).digest('hex');
    // Same object, stricter limit: the document is hashed from the stream and failed as too large.
    const outcome = await ingestObject({ ...p.runtime.ingestDeps, maxBytes: 100 }, { bucket: p.runtime.bucket, key: 'uploads/huge.pdf' });
    expect(outcome).toMatchObject({ outcome: 'failed', documentId: id });
    const doc = (await p.get(`/documents/${id}`)).body;
    expect(doc.status).toBe('failed');
    expect(doc.reason).toMatch(/^too-large: object is \d+ bytes, over the 100-byte limit/);
  });
});
