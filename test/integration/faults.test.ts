/**
 * Faults injected for real, on the wire: DynamoDB and S3 reach the pipeline through fault-injecting
 * HTTP proxies (test/helpers/fault-proxy.ts) that answer with the services' own throttling errors or
 * drop connections; the ingest handler is made to crash halfway through a document through its
 * dependencies. After retries every document must be in the right terminal state with exactly one set
 * of paragraphs, tags and ranking entries, the API must never have served a half-written version,
 * and what ran out of retries must be in the dead-letter list with its reason (and still be recoverable).
 * A last suite restarts the whole local runtime on the same data directory mid-run.
 */
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GetObjectCommand } from '@aws-sdk/client-s3';
import { GetCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { makePdf } from '../helpers/pdf-fixtures';
import { startTestPipeline, type TestPipeline } from '../helpers/local-pipeline';
import { startFaultProxy, type FaultProxy } from '../helpers/fault-proxy';
import { classifierWithExtraTerms } from '../helpers/classifier-variant';
import { TOPIC_SENTENCES } from '../helpers/topic-sentences';
import { startDynalite, type RunningDynamo } from '../../shared/local/emulators';
import { startLocalRuntime, type LocalRuntime } from '../../shared/local/runtime';
import { putPdf } from '../../shared/local/upload';
import { createS3Client } from '../../shared/adapters/s3/client';
import { createDynamoClients } from '../../shared/adapters/dynamodb/client';
import { queryAll } from '../../shared/adapters/dynamodb/operations';
import { S3ObjectStore } from '../../shared/adapters/s3/object-store';
import { S3ExtractionCache } from '../../shared/adapters/s3/extraction-cache';
import { ingestObject } from '../../shared/app/ingest';
import type { DocumentRepository } from '../../shared/app/ports';
import { DynamoDocumentRepository } from '../../shared/adapters/dynamodb/document-repository';
import { decodeElementScores } from '../../shared/adapters/dynamodb/element-scores';
import { paragraphKey } from '../../shared/core/extract/paragraph-key';

const sha = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');


/** A document of a few paragraphs on a rotating mix of topics; `label` makes its bytes unique. */
function topicPdf(label: string, n: number, paragraphs = 4): Promise<Uint8Array> {
  const body = Array.from({ length: paragraphs }, (_, i) => `${i + 1}. ${TOPIC_SENTENCES[(n + i) % TOPIC_SENTENCES.length]}`);
  return makePdf({ title: label, pages: [{ paragraphs: [{ heading: true, text: label }, ...body] }] });
}

/** Every item of one partition, read consistently. */
async function partitionItems(db: DynamoDBDocumentClient, table: string, pk: string): Promise<Record<string, any>[]> {
  return queryAll(db, { TableName: table, KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: { ':pk': pk }, ConsistentRead: true });
}

/**
 * Reads a document's items straight from DynamoDB (not through the proxy) and checks that it is tagged
 * with exactly one complete current version: its version item with the tags of every tagged paragraph
 * of the served text, the ranking entries of exactly the addressed elements and their themes, all of
 * that version, nothing left to clean up, every other version marked for expiry.
 */
async function expectOneCompleteVersion(db: DynamoDBDocumentClient, table: string, documentId: string, api: TestPipeline) {
  const meta = (await db.send(new GetCommand({ TableName: table, Key: { pk: `DOC#${documentId}`, sk: 'META' }, ConsistentRead: true }))).Item!;
  expect(meta.status).toBe('tagged');
  expect(meta.supersededPending).toBeUndefined();
  const version = meta.currentVersion as string;
  const stored = await new DynamoDocumentRepository({ client: db, table, cursorSecret: 'check' }).getVersion(documentId, version);
  expect(stored?.paragraphCount).toBe(meta.paragraphCount);
  expect(new Set(stored!.tags.map((t) => t.index)).size).toBe(stored!.tags.length);
  const served = await api.get(`/documents/${documentId}/paragraphs`);
  expect(served.status).toBe(200);
  expect(served.body.items).toHaveLength(meta.paragraphCount);
  const servedTags = served.body.items.filter((p: { tags: unknown[] }) => p.tags.length > 0);
  expect(servedTags.map((p: { index: number }) => p.index)).toEqual(stored!.tags.map((t) => t.index));
  for (const p of servedTags) expect(stored!.tags.find((t) => t.index === p.index)?.textKey).toBe(paragraphKey(p.text));
  const addressed = decodeElementScores(meta.elementScores).filter((e) => e.addresses);
  const items = await partitionItems(db, table, `DOC#${documentId}`);
  const index = items.filter((i) => i.sk.includes('#R#'));
  expect(index.map((i) => i.sk).sort()).toEqual(
    [...addressed.map((e) => `V#${version}#R#E#${e.element}`), ...new Set(addressed.map((e) => `V#${version}#R#T#${e.theme}`))].sort(),
  );
  for (const entry of index) expect(entry.version).toBe(version);
  // Every other stored version is superseded, hence marked for expiry.
  for (const v of items.filter((i) => i.entity === 'version' && i.sk !== `V#${version}`)) expect(typeof v.expiresAt, v.sk).toBe('number');
  // And as the API shows it: listed once under each addressed element.
  for (const { element } of addressed) {
    const ranked = await api.get(`/elements/${element}/documents?limit=100`);
    expect(ranked.body.items.filter((d: { documentId: string }) => d.documentId === documentId)).toHaveLength(1);
  }
  return { meta, addressed };
}

describe('DynamoDB and S3 faults, handler crashes', () => {
  let dynamo: RunningDynamo | undefined;
  let dbProxy: FaultProxy;
  let s3Proxy: FaultProxy;
  let p: TestPipeline;
  let direct: DynamoDBDocumentClient;
  let directRaw: { destroy(): void };
  let s3ViaProxy: ReturnType<typeof createS3Client>;

  beforeAll(async () => {
    const external = process.env.GCM_DYNAMODB_ENDPOINT;
    if (!external) dynamo = await startDynalite({ port: 0 });
    const endpoint = external ?? dynamo!.endpoint;
    dbProxy = await startFaultProxy({ target: endpoint, flavor: 'dynamodb', seed: 11 });
    p = await startTestPipeline({ dynamodbEndpoint: dbProxy.url, queue: { maxReceiveCount: 5, baseDelayMs: 20 } });
    // Ingest reads uploads (and the extraction cache) through the S3 proxy; uploads themselves go direct.
    s3Proxy = await startFaultProxy({ target: p.runtime.s3Endpoint, flavor: 's3', seed: 13 });
    s3ViaProxy = createS3Client({ region: 'us-east-1', endpoint: s3Proxy.url });
    p.runtime.ingestDeps.objects = new S3ObjectStore(s3ViaProxy);
    p.runtime.ingestDeps.cache = new S3ExtractionCache(s3ViaProxy, p.runtime.bucket, 'cache/');
    const clients = createDynamoClients({ region: 'us-east-1', endpoint });
    direct = clients.doc;
    directRaw = clients.raw;
  });
  afterAll(async () => {
    dbProxy?.clear();
    s3Proxy?.clear();
    await p?.stop();
    s3ViaProxy?.destroy();
    directRaw?.destroy();
    await s3Proxy?.close();
    await dbProxy?.close();
    await dynamo?.close();
  });

  it('ends every document tagged, exactly once, with 15% of DynamoDB requests and S3 reads throttled or dropped', async () => {
    // Enough documents that every kind of fault lands on some request (an ingest now makes only a
    // handful of DynamoDB calls, and the four kinds share the 15%).
    const docs = await Promise.all(Array.from({ length: 20 }, (_, i) => topicPdf(`Faulty network document ${i}`, i)));
    const before = { db: { ...dbProxy.stats.faults }, s3: { ...s3Proxy.stats.faults } };
    dbProxy.configure({ rate: 0.15 });
    s3Proxy.configure({ rate: 0.15 });
    try {
      for (const [i, bytes] of docs.entries()) await p.upload(`uploads/GFMD/faulty-${i}.pdf`, bytes);
      await p.runtime.idle();
    } finally {
      dbProxy.clear();
      s3Proxy.clear();
    }
    // Every kind of fault really happened.
    for (const kind of ['throttle', 'server-error', 'drop-request', 'drop-response'] as const) {
      expect(dbProxy.stats.faults[kind] - before.db[kind], kind).toBeGreaterThan(0);
    }
    expect(Object.values(s3Proxy.stats.faults).reduce((a, b) => a + b, 0) - Object.values(before.s3).reduce((a, b) => a + b, 0)).toBeGreaterThan(0);
    expect(p.runtime.queue.deadLetters).toEqual([]);
    for (const bytes of docs) {
      expect((await p.get(`/documents/${sha(bytes)}`)).body.status).toBe('tagged');
      await expectOneCompleteVersion(direct, p.runtime.table, sha(bytes), p);
    }
    const listed = (await p.get('/documents?limit=100')).body.items.map((d: { documentId: string }) => d.documentId);
    for (const bytes of docs) expect(listed.filter((id: string) => id === sha(bytes))).toHaveLength(1);
  });

  it('finishes a document whose first delivery crashed halfway through writing its version; the API never sees the half', async () => {
    const bytes = await topicPdf('Crash while writing the version', 1, 8);
    const id = sha(bytes);
    const real = p.runtime.ingestDeps.repo;
    const seenDuringCrash: Array<{ status: number; body: any }> = [];
    let crashes = 0;
    const crashing: DocumentRepository = Object.assign(Object.create(real), {
      writeVersion: async (write: Parameters<DocumentRepository['writeVersion']>[0]) => {
        if (write.documentId !== id || crashes > 0) return real.writeVersion(write);
        crashes++;
        await real.writeVersion({ ...write, tags: write.tags.slice(0, Math.ceil(write.tags.length / 2)) });
        seenDuringCrash.push(await p.get(`/documents/${id}`), await p.get(`/documents/${id}/paragraphs`), await p.get('/coverage'));
        throw new Error('simulated crash halfway through writing the version');
      },
    });
    p.runtime.ingestDeps.repo = crashing;
    try {
      await p.upload('uploads/crash-paragraphs.pdf', bytes);
      await p.runtime.idle();
    } finally {
      p.runtime.ingestDeps.repo = real;
    }
    expect(crashes).toBe(1);
    expect(seenDuringCrash[0].body).toMatchObject({ status: 'processing', currentVersion: null });
    expect(seenDuringCrash[1].status).toBe(409);
    expect(seenDuringCrash[2].body.documents.map((d: { documentId: string }) => d.documentId)).not.toContain(id);
    await expectOneCompleteVersion(direct, p.runtime.table, id, p);
  });

  it('keeps serving the complete previous version while a re-tag crashes halfway, then switches once it succeeds', async () => {
    const bytes = await topicPdf('Re-tag crash', 2, 6);
    const id = sha(bytes);
    const key = 'uploads/retag-crash.pdf';
    await p.upload(key, bytes);
    await p.runtime.idle();
    const { meta: v1 } = await expectOneCompleteVersion(direct, p.runtime.table, id, p);
    const next = classifierWithExtraTerms({ k: [['rotating mix of topics', 1]] });
    expect(next.version).not.toBe(v1.currentVersion);
    const real = p.runtime.ingestDeps.repo;
    const crashing: DocumentRepository = Object.assign(Object.create(real), {
      writeVersion: async (write: Parameters<DocumentRepository['writeVersion']>[0]) => {
        await real.writeVersion({ ...write, tags: write.tags.slice(0, 1) });
        throw new Error('simulated crash halfway through a re-tag');
      },
    });
    const deps = { ...p.runtime.ingestDeps, classifier: next };
    await expect(ingestObject({ ...deps, repo: crashing }, { bucket: p.runtime.bucket, key })).rejects.toThrow(/simulated crash/);
    const during = (await p.get(`/documents/${id}`)).body;
    expect(during).toMatchObject({ status: 'tagged', currentVersion: v1.currentVersion, paragraphCount: v1.paragraphCount });
    const served = await p.get(`/documents/${id}/paragraphs`);
    expect(served.body.version).toBe(v1.currentVersion);
    expect(served.body.items).toHaveLength(v1.paragraphCount);
    const ranked = (await p.get('/themes/1/documents?limit=100')).body.items.concat((await p.get('/themes/6/documents?limit=100')).body.items);
    for (const d of ranked.filter((r: { documentId: string }) => r.documentId === id)) expect(d.version).toBe(v1.currentVersion);
    const outcome = await ingestObject(deps, { bucket: p.runtime.bucket, key });
    expect(outcome).toMatchObject({ outcome: 'tagged', version: next.version });
    const { meta: v2 } = await expectOneCompleteVersion(direct, p.runtime.table, id, p);
    expect(v2.currentVersion).toBe(next.version);
  });

  it('finishes the clean-up of the replaced version when a re-tag dies right after switching; the new version is served whole meanwhile', async () => {
    const bytes = await topicPdf('Crash after the switch', 0, 4);
    const id = sha(bytes);
    const key = 'uploads/crash-after-switch.pdf';
    await p.upload(key, bytes);
    await p.runtime.idle();
    const { meta: v1 } = await expectOneCompleteVersion(direct, p.runtime.table, id, p);
    const next = classifierWithExtraTerms({ k: [['rotating mix of topics', 1]] });
    expect(next.version).not.toBe(v1.currentVersion);
    let dropped = 0;
    // Every attempt the SDK makes at the batch that follows the switch (the replaced version's
    // ranking entries deleted) is cut off: the conditional switch has happened, the clean-up has not.
    dbProxy.configure({
      rule: (req) => {
        if (dropped >= 3 || req.operation !== 'BatchWriteItem') return undefined;
        const body = req.body.toString();
        if (!body.includes(`DOC#${id}`) || !body.includes('DeleteRequest')) return undefined;
        dropped++;
        return 'drop-request';
      },
    });
    const deps = { ...p.runtime.ingestDeps, classifier: next };
    try {
      await expect(ingestObject(deps, { bucket: p.runtime.bucket, key })).rejects.toThrow();
    } finally {
      dbProxy.clear();
    }
    expect(dropped).toBe(3);
    const meta = (await direct.send(new GetCommand({ TableName: p.runtime.table, Key: { pk: `DOC#${id}`, sk: 'META' }, ConsistentRead: true }))).Item!;
    expect(meta.currentVersion).toBe(next.version);
    expect([...meta.supersededPending]).toEqual([v1.currentVersion]);
    // The new version's ranking entries went in with it, before the switch: it is ranked, and only it.
    for (const e of decodeElementScores(meta.elementScores).filter((x) => x.addresses)) {
      const ranked = (await p.get(`/elements/${e.element}/documents?limit=100`)).body.items.filter((d: { documentId: string }) => d.documentId === id);
      expect(ranked.map((d: { version: string }) => d.version)).toEqual([next.version]);
    }
    expect((await p.get(`/documents/${id}`)).body.switchPending).toBe(true);
    // The next delivery redoes the clean-up rather than reporting the document unchanged.
    expect(await ingestObject(deps, { bucket: p.runtime.bucket, key })).toMatchObject({ outcome: 'tagged', version: next.version });
    const { meta: v2 } = await expectOneCompleteVersion(direct, p.runtime.table, id, p);
    expect(v2.currentVersion).toBe(next.version);
    expect(p.runtime.queue.deadLetters).toEqual([]);
  });

  it('dead-letters an upload whose S3 reads keep failing, with the S3 error as reason, and recovers it later', async () => {
    const bytes = await topicPdf('Unreadable for a while', 3);
    const key = 'uploads/Rabat-Process/unreadable for now.pdf';
    const encoded = `/${p.runtime.bucket}/${key.split('/').map(encodeURIComponent).join('/')}`;
    s3Proxy.configure({ rule: (req) => (req.method === 'GET' && req.url.startsWith(encoded) ? 'throttle' : undefined) });
    const deadBefore = p.runtime.queue.deadLetters.length;
    try {
      await p.upload(key, bytes);
      await p.runtime.idle();
    } finally {
      s3Proxy.clear();
    }
    const dead = p.runtime.queue.deadLetters.slice(deadBefore);
    expect(dead).toHaveLength(1);
    expect(dead[0].receiveCount).toBe(5);
    expect(dead[0].body).toContain('unreadable+for+now.pdf');
    expect(dead[0].lastError).toMatch(/SlowDown|reduce your request rate/);
    // Nothing was recorded, but the upload is intact and the start-up recovery picks it up.
    expect(await p.runtime.repo.documentIdForKey(key)).toBeUndefined();
    const kept = await p.runtime.s3.send(new GetObjectCommand({ Bucket: p.runtime.bucket, Key: key }));
    expect(Buffer.from(await kept.Body!.transformToByteArray()).equals(Buffer.from(bytes))).toBe(true);
    expect(await p.runtime.recoverUnfinished()).toBe(1);
    await p.runtime.idle();
    await expectOneCompleteVersion(direct, p.runtime.table, sha(bytes), p);
  });

  it('dead-letters a document whose DynamoDB writes stay throttled, with the throttling error as reason, and recovers it later', async () => {
    const bytes = await topicPdf('Throttled for a while', 4);
    const id = sha(bytes);
    const key = 'uploads/throttled.pdf';
    dbProxy.configure({ rule: (req) => (req.body.includes(id) ? 'throttle' : undefined) });
    const deadBefore = p.runtime.queue.deadLetters.length;
    try {
      await p.upload(key, bytes);
      await p.runtime.idle();
    } finally {
      dbProxy.clear();
    }
    const dead = p.runtime.queue.deadLetters.slice(deadBefore);
    expect(dead).toHaveLength(1);
    expect(dead[0].lastError).toMatch(/^(ProvisionedThroughputExceededException|ThrottlingException): /);
    expect((await p.get(`/documents/${id}`)).status).toBe(404);
    expect(await p.runtime.recoverUnfinished()).toBe(1);
    await p.runtime.idle();
    await expectOneCompleteVersion(direct, p.runtime.table, id, p);
  });
});

describe('restart of the local services mid-run', () => {
  let dataDir: string;
  let runtime: LocalRuntime | undefined;

  beforeAll(() => {
    dataDir = mkdtempSync(path.join(tmpdir(), 'gcm-restart-'));
  });
  afterAll(async () => {
    await runtime?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('loses no uploaded document when the runtime stops with work queued and starts again on the same data', async () => {
    const opts = { dataDir, persistDynamo: true, queue: { concurrency: 1, maxReceiveCount: 3, baseDelayMs: 20 } };
    const docs = await Promise.all(Array.from({ length: 6 }, (_, i) => topicPdf(`Restart document ${i}`, i)));
    runtime = await startLocalRuntime(opts);
    for (const [i, bytes] of docs.entries()) {
      await putPdf(runtime.s3, { bucket: runtime.bucket, key: `uploads/Budapest-Process/restart-${i}.pdf`, body: bytes, metadata: {} });
    }
    // Stop while most uploads are still queued (one at a time, each takes a parse).
    const first = runtime;
    runtime = undefined;
    await first.close();

    runtime = await startLocalRuntime(opts);
    const statuses = await Promise.all(docs.map(async (b) => (await runtime!.repo.getDocument(sha(b)))?.status));
    const finished = statuses.filter((s) => s === 'tagged').length;
    expect(finished).toBeLessThan(docs.length); // the stop really interrupted the run
    expect(await runtime.recoverUnfinished()).toBe(docs.length - finished);
    await runtime.idle();
    const listed = await runtime.repo.listByStatus(undefined, 100);
    expect(listed.items.map((d) => d.documentId).sort()).toEqual(docs.map(sha).sort());
    for (const d of listed.items) expect(d.status).toBe('tagged');
    expect(runtime.queue.deadLetters).toEqual([]);
    expect(await runtime.recoverUnfinished()).toBe(0);
  });

  it('loses no upload when DynamoDB goes down mid-run and comes back on the same data', async () => {
    await runtime?.close();
    runtime = undefined;
    const dbDir = path.join(dataDir, 'dynamodb-outage');
    let dynamo = await startDynalite({ port: 0, path: dbDir });
    const port = dynamo.port;
    let failedDeliveries = 0;
    try {
      runtime = await startLocalRuntime({
        dataDir: path.join(dataDir, 'outage'),
        dynamodbEndpoint: dynamo.endpoint,
        queue: { concurrency: 2, maxReceiveCount: 6, baseDelayMs: 250 },
        log: (msg) => void (msg === 'message failed' && failedDeliveries++),
      });
      const docs = await Promise.all(Array.from({ length: 6 }, (_, i) => topicPdf(`Outage document ${i}`, i + 2)));
      const upload = (i: number) =>
        putPdf(runtime!.s3, { bucket: runtime!.bucket, key: `uploads/GFMD/outage-${i}.pdf`, body: docs[i], metadata: {} });
      // DynamoDB stops while the first uploads are being ingested; more arrive while it is down; it comes back.
      await upload(0);
      await upload(1);
      await dynamo.close();
      for (let i = 2; i < docs.length; i++) await upload(i);
      await new Promise((r) => setTimeout(r, 1_000));
      dynamo = await startDynalite({ port, path: dbDir });
      await runtime.idle();
      expect(failedDeliveries).toBeGreaterThan(0); // the outage really hit ingestion
      expect(runtime.queue.deadLetters).toEqual([]);
      for (const bytes of docs) {
        const doc = await runtime.repo.getDocument(sha(bytes));
        expect(doc?.status).toBe('tagged');
      }
      expect((await runtime.repo.listByStatus(undefined, 100)).items).toHaveLength(docs.length);
    } finally {
      await runtime?.close();
      runtime = undefined;
      await dynamo.close();
    }
  });
});
