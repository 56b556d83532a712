/**
 * `npm run load`: the load test of issue 7. Starts the real local pipeline (s3rver, dynalite, the
 * in-process queue, ingest with the real extractor and classifier, the HTTP API) on 127.0.0.1, uploads
 * N generated PDFs concurrently through the S3 API, queries the HTTP API without pause while they are
 * ingested, then reconciles the archive against what was uploaded:
 *
 *   - every uploaded object has exactly one document record, in a terminal state, the expected one
 *     (text → tagged, image-only → needs-ocr, truncated → failed), listing that object's key once;
 *   - one document per distinct content (copies under a second key share it), and the API's
 *     /documents listing holds each document exactly once;
 *   - each tagged document holds exactly one version item for its current version, whose tags join
 *     the cached paragraphs it was tagged from (the paragraphs API answers with every paragraph), and
 *     exactly one ranking entry per addressed element and theme, all of the current version; no
 *     item per paragraph or per tag; nothing is dead-lettered.
 *
 * It reports ingest throughput and the p50/p95/p99 latency of the queries made during ingestion.
 * Bounded: at most 5,000 documents of ~2–4 kB each, a wall-clock limit (default 20 min), loopback only,
 * data in a temporary folder removed at the end. Not part of `npm test`.
 *
 *   npm run load                       # 500 documents
 *   npm run load -- --documents 1000 --upload-concurrency 64
 */
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import { Command, InvalidArgumentError } from 'commander';
import { serve } from '@hono/node-server';
import { startLocalRuntime, type LocalRuntime } from '../shared/local/runtime';
import { putPdf } from '../shared/local/upload';
import { listObjects } from '../shared/adapters/s3/list';
import { queryAll } from '../shared/adapters/dynamodb/operations';
import { TERMINAL_STATUSES, type DocumentStatus } from '../shared/app/types';
import { makeImageOnlyPdf, makePdf, truncatePdf } from '../test/helpers/pdf-fixtures';
import { TOPIC_SENTENCES } from '../test/helpers/topic-sentences';
import { DEFAULT_RESULTS_DIR } from './lib/paths';
import { writeResult } from './lib/results';
import { percentile, perSecond, round } from './lib/stats';
import { renderTable } from './lib/table';

function intOption(min: number, max: number) {
  return (value: string) => {
    const n = Number(value);
    if (!Number.isInteger(n) || n < min || n > max) throw new InvalidArgumentError(`must be an integer from ${min} to ${max}`);
    return n;
  };
}

const opts = new Command()
  .name('load')
  .description('Load test: concurrent uploads to the local pipeline, query latency during ingestion, reconciliation')
  .option('--documents <n>', 'objects to upload', intOption(10, 5000), 500)
  .option('--upload-concurrency <n>', 'uploads in flight at once', intOption(1, 256), 50)
  .option('--ingest-concurrency <n>', 'queue batches in flight (the local Lambda concurrency)', intOption(1, 16), 2)
  .option('--max-minutes <n>', 'give up (exit 2) after this long', intOption(1, 120), 20)
  .option('--out <dir>', 'folder for the JSON result', DEFAULT_RESULTS_DIR)
  .parse()
  .opts<{ documents: number; uploadConcurrency: number; ingestConcurrency: number; maxMinutes: number; out: string }>();

const TOPICS = [
  ...TOPIC_SENTENCES,
  'States will save lives at sea and coordinate search and rescue of migrants in distress along migratory routes.',
  'The meeting adopted the agenda and approved the minutes of the previous session.',
];
const PROCESSES = ['Bali-Process', 'Budapest-Process', 'Rabat-Process', 'GFMD', 'Colombo-Process'];

type Kind = 'text' | 'scan' | 'truncated' | 'copy';
interface Planned {
  key: string;
  kind: Kind;
  bytes: Uint8Array;
  sha256: string;
  expected: DocumentStatus;
}

const sha = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');

/** Mostly text documents, with 2% scans, 2% truncated files and 2% copies of earlier documents under a new key. */
async function plan(n: number): Promise<Planned[]> {
  const out: Planned[] = [];
  const scan = await makeImageOnlyPdf(1);
  for (let i = 0; i < n; i++) {
    const process = PROCESSES[i % PROCESSES.length];
    const key = `uploads/${process}/load-${String(i).padStart(5, '0')}.pdf`;
    const kind: Kind = i % 50 === 7 ? 'scan' : i % 50 === 17 ? 'truncated' : i % 50 === 27 && i > 50 ? 'copy' : 'text';
    let bytes: Uint8Array;
    if (kind === 'copy') bytes = out[i - 50].kind === 'text' ? out[i - 50].bytes : out[i - 49].bytes;
    else if (kind === 'scan') bytes = scan; // the same scan every time: one needs-ocr document with many keys
    else {
      const paragraphs = Array.from({ length: 3 + (i % 3) }, (_, j) => `${j + 1}. ${TOPICS[(i * 7 + j * 3) % TOPICS.length]}`);
      const pdf = await makePdf({ title: `Load test document ${i}`, pages: [{ paragraphs: [{ heading: true, text: `Load test document ${i}` }, ...paragraphs] }] });
      bytes = kind === 'truncated' ? truncatePdf(pdf, 0.35) : pdf;
    }
    const expected: DocumentStatus = kind === 'scan' ? 'needs-ocr' : kind === 'truncated' ? 'failed' : 'tagged';
    out.push({ key, kind, bytes, sha256: sha(bytes), expected });
  }
  return out;
}

async function runPool<T>(items: T[], concurrency: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(concurrency, items.length) }, async () => {
      while (next < items.length) await work(items[next++]);
    }),
  );
}

/** Sequential queries (one in flight) until `stop` resolves; latency of each in ms. */
async function queryWhile(apiUrl: string, stop: Promise<void>): Promise<{ samples: number[]; errors: string[] }> {
  const routes = ['/elements/k/documents?limit=20', '/documents?status=tagged&limit=20', '/themes/3/documents?limit=20&minScore=0.3', '/elements/h/documents?limit=5'];
  let done = false;
  void stop.then(() => (done = true));
  const samples: number[] = [];
  const errors: string[] = [];
  for (let i = 0; !done; i++) {
    const route = routes[i % routes.length];
    const t0 = performance.now();
    const res = await fetch(`${apiUrl}${route}`);
    await res.arrayBuffer();
    samples.push(performance.now() - t0);
    if (res.status !== 200) errors.push(`${route} → ${res.status}`);
    await new Promise((r) => setTimeout(r, 20));
  }
  return { samples, errors };
}

async function reconcile(rt: LocalRuntime, apiUrl: string, planned: Planned[]) {
  const problems: string[] = [];
  const byKey = new Map(planned.map((p) => [p.key, p]));
  const objects: string[] = [];
  for await (const o of listObjects(rt.s3, rt.bucket, rt.uploadPrefix)) objects.push(o.key);
  if (objects.length !== planned.length) problems.push(`${objects.length} objects in S3, ${planned.length} uploaded`);

  const statusCounts: Record<string, number> = {};
  const docs = new Map<string, Awaited<ReturnType<LocalRuntime['repo']['getDocument']>>>();
  for (const key of objects) {
    const want = byKey.get(key);
    if (!want) {
      problems.push(`unexpected object ${key}`);
      continue;
    }
    const id = await rt.repo.documentIdForKey(key);
    if (id !== want.sha256) {
      problems.push(`${key}: key points to ${id ?? 'nothing'}, expected ${want.sha256}`);
      continue;
    }
    const doc = docs.get(id) ?? (await rt.repo.getDocument(id));
    docs.set(id, doc);
    if (!doc) {
      problems.push(`${key}: no document record`);
      continue;
    }
    if (!TERMINAL_STATUSES.includes(doc.status)) problems.push(`${key}: status ${doc.status} is not terminal`);
    if (doc.status !== want.expected) problems.push(`${key}: ${doc.status} (${doc.reason}), expected ${want.expected}`);
    if (doc.keys.filter((k) => k === key).length !== 1) problems.push(`${key}: listed ${doc.keys.filter((k) => k === key).length} times in its document's keys`);
  }
  for (const doc of docs.values()) if (doc) statusCounts[doc.status] = (statusCounts[doc.status] ?? 0) + 1;

  const distinct = new Set(planned.map((p) => p.sha256));
  if (docs.size !== distinct.size) problems.push(`${docs.size} documents for ${distinct.size} distinct contents`);
  for (const doc of docs.values()) {
    const expectedKeys = planned.filter((p) => p.sha256 === doc?.documentId).length;
    if (doc && doc.keys.length !== expectedKeys) problems.push(`${doc.documentId}: ${doc.keys.length} keys, ${expectedKeys} uploaded`);
  }

  // The API's own listing: every document once.
  const listed: string[] = [];
  let cursor: string | undefined;
  do {
    const res = await fetch(`${apiUrl}/documents?limit=100${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
    const body = (await res.json()) as { items: Array<{ documentId: string }>; nextCursor?: string };
    listed.push(...body.items.map((d) => d.documentId));
    cursor = body.nextCursor;
  } while (cursor);
  if (listed.length !== distinct.size || new Set(listed).size !== listed.length) {
    problems.push(`API lists ${listed.length} documents (${new Set(listed).size} distinct) for ${distinct.size}`);
  }

  // Stored items of each tagged document: one version item and one ranking entry per addressed element and theme.
  let paragraphs = 0;
  let tags = 0;
  let entries = 0;
  for (const doc of docs.values()) {
    if (!doc || doc.status !== 'tagged') continue;
    const items: Record<string, any>[] = await queryAll(rt.db, {
      TableName: rt.table,
      KeyConditionExpression: 'pk = :pk',
      ExpressionAttributeValues: { ':pk': `DOC#${doc.documentId}` },
    });
    const v = doc.currentVersion;
    const versionItems = items.filter((i) => i.sk === `V#${v}`);
    const idx = items.filter((i) => i.sk.includes('#R#'));
    const perParagraph = items.filter((i) => /^V#[^#]+#(P|T)#/.test(i.sk));
    const addressed = doc.elements.filter((e) => e.addresses);
    const wantIdx = addressed.length + new Set(addressed.map((e) => e.theme)).size;
    if (versionItems.length !== 1) problems.push(`${doc.documentId}: ${versionItems.length} items for the current version ${v}`);
    if (perParagraph.length) problems.push(`${doc.documentId}: ${perParagraph.length} items per paragraph or tag`);
    if (idx.length !== wantIdx || idx.some((i) => i.version !== v)) problems.push(`${doc.documentId}: ${idx.length} ranking entries, expected ${wantIdx} of version ${v}`);
    if (doc.switchPending) problems.push(`${doc.documentId}: switch still pending`);
    const stored = await rt.repo.getVersion(doc.documentId, v!);
    if (stored?.paragraphCount !== doc.paragraphCount) problems.push(`${doc.documentId}: version holds ${stored?.paragraphCount} paragraphs, document says ${doc.paragraphCount}`);
    const served = await fetch(`${apiUrl}/documents/${doc.documentId}/paragraphs`);
    const body = (await served.json()) as { items?: Array<{ tags: unknown[] }> };
    if (served.status !== 200 || body.items?.length !== doc.paragraphCount) problems.push(`${doc.documentId}: paragraphs answered ${served.status} with ${body.items?.length} paragraphs`);
    paragraphs += body.items?.length ?? 0;
    tags += (body.items ?? []).reduce((n, p) => n + p.tags.length, 0);
    entries += idx.length;
  }
  if (rt.queue.deadLetters.length) problems.push(`${rt.queue.deadLetters.length} dead letters: ${rt.queue.deadLetters[0].lastError}`);
  return { objects: objects.length, documents: docs.size, statusCounts, listed: listed.length, paragraphs, tags, entries, problems };
}

async function main() {
  const deadline = setTimeout(() => {
    console.error(`load test: gave up after ${opts.maxMinutes} min`);
    process.exit(2);
  }, opts.maxMinutes * 60_000);
  deadline.unref();

  const dataDir = mkdtempSync(path.join(tmpdir(), 'gcm-load-'));
  const rt = await startLocalRuntime({
    dataDir,
    table: 'gcm-load',
    queue: { concurrency: opts.ingestConcurrency, maxReceiveCount: 3, baseDelayMs: 200 },
  });
  const server = serve({ fetch: rt.api.fetch, port: 0, hostname: '127.0.0.1' });
  await new Promise<void>((resolve) => server.once('listening', () => resolve()));
  const apiUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  try {
    process.stderr.write(`generating ${opts.documents} PDFs…\n`);
    const planned = await plan(opts.documents);
    const totalBytes = planned.reduce((n, p) => n + p.bytes.byteLength, 0);

    let markIngested!: () => void;
    const ingested = new Promise<void>((resolve) => (markIngested = resolve));
    const queries = queryWhile(apiUrl, ingested);

    process.stderr.write(`uploading ${planned.length} objects (${(totalBytes / 1024).toFixed(0)} KiB), ${opts.uploadConcurrency} at a time…\n`);
    const t0 = performance.now();
    await runPool(planned, opts.uploadConcurrency, (p) => putPdf(rt.s3, { bucket: rt.bucket, key: p.key, body: p.bytes, metadata: {} }));
    const uploadMs = performance.now() - t0;
    const progress = setInterval(() => process.stderr.write(`  ${rt.queue.pending} messages pending\n`), 10_000);
    await rt.idle();
    clearInterval(progress);
    const ingestMs = performance.now() - t0;
    markIngested();
    const { samples, errors } = await queries;

    process.stderr.write('reconciling…\n');
    const rec = await reconcile(rt, apiUrl, planned);

    const latency = {
      queries: samples.length,
      p50: round(percentile(samples, 50)),
      p95: round(percentile(samples, 95)),
      p99: round(percentile(samples, 99)),
      max: round(Math.max(...samples)),
      errors: errors.length,
    };
    const figures = {
      objects: planned.length,
      bytes: totalBytes,
      uploadSeconds: round(uploadMs / 1000),
      ingestSeconds: round(ingestMs / 1000),
      objectsPerSecond: round(perSecond(planned.length, ingestMs)),
      ingestConcurrency: opts.ingestConcurrency,
      uploadConcurrency: opts.uploadConcurrency,
      latencyMs: latency,
      reconciliation: rec,
    };
    console.log('\n## Load test\n');
    console.log(
      renderTable(
        ['objects', 'distinct documents', 'KiB', 'upload s', 'until all terminal s', 'objects/s'],
        [[planned.length, rec.documents, round(totalBytes / 1024, 0), figures.uploadSeconds, figures.ingestSeconds, figures.objectsPerSecond]],
      ),
    );
    console.log(`\nQueries during ingestion (one in flight, 20 ms apart; ms)\n`);
    console.log(renderTable(['queries', 'p50', 'p95', 'p99', 'max', 'non-200'], [[latency.queries, latency.p50, latency.p95, latency.p99, latency.max, latency.errors]]));
    console.log(`\nReconciliation\n`);
    console.log(
      renderTable(
        ['objects in S3', 'documents', 'tagged', 'needs-ocr', 'failed', 'listed by API', 'paragraphs served', 'tags served', 'ranking entries', 'problems'],
        [[rec.objects, rec.documents, rec.statusCounts.tagged ?? 0, rec.statusCounts['needs-ocr'] ?? 0, rec.statusCounts.failed ?? 0, rec.listed, rec.paragraphs, rec.tags, rec.entries, rec.problems.length]],
      ),
    );
    for (const p of rec.problems.slice(0, 20)) console.log(`- ${p}`);
    const file = writeResult(path.resolve(opts.out), 'load', figures);
    console.log(`\n(${path.relative(process.cwd(), file)})`);
    process.exitCode = rec.problems.length === 0 && errors.length === 0 ? 0 : 1;
  } finally {
    await new Promise<void>((resolve) => server.close(() => resolve()));
    await rt.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

await main();
