/**
 * The real local pipeline (s3rver → in-process queue → SQS batch handler → ingestObject → dynalite),
 * started in-process like `npm start`, with its ingest dependencies wrapped for measurement: a stage
 * timer on each dependency, a write meter on a DynamoDB client of its own, and a byte count of the
 * log lines. The queue consumer reads `runtime.ingestDeps` at every message, so replacing its
 * members before the first upload instruments every ingestion.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { ListObjectsV2Command } from '@aws-sdk/client-s3';
import type { Classifier } from '../../shared/core/classify/types';
import { createDynamoClients } from '../../shared/adapters/dynamodb/client';
import { DynamoDocumentRepository } from '../../shared/adapters/dynamodb/document-repository';
import { startLocalRuntime, type LocalRuntime } from '../../shared/local/runtime';
import { putPdf, uploadObjectKey } from '../../shared/local/upload';
import type { DocumentRecord } from '../../shared/app/types';
import { DynamoWriteMeter } from './dynamo-meter';
import type { CorpusFile } from './paths';
import { StageTimer } from './stage-timer';

export interface InstrumentedRuntime {
  runtime: LocalRuntime;
  timer: StageTimer;
  meter: DynamoWriteMeter;
  /** The metered DynamoDB client (for reading back what was written). */
  dynamo: ReturnType<typeof createDynamoClients>;
  logBytes: () => number;
  close(): Promise<void>;
}

/** A classifier that behaves like `inner` but reports another version (forces a re-tag). */
export function withVersion(inner: Classifier, version: string): Classifier {
  return {
    version,
    taxonomyVersion: inner.taxonomyVersion,
    classifyText: (t) => inner.classifyText(t).map((tag) => ({ ...tag, classifierVersion: version })),
    classifyDocument: (p, d) => {
      const r = inner.classifyDocument(p, d);
      return { ...r, paragraphs: r.paragraphs.map((tags) => tags.map((tag) => ({ ...tag, classifierVersion: version }))) };
    },
  };
}

export async function startInstrumentedRuntime(dynamodbEndpoint?: string): Promise<InstrumentedRuntime> {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'gcm-bench-'));
  let logBytes = 0;
  const runtime = await startLocalRuntime({
    dataDir,
    dynamodbEndpoint,
    // Lambda logs through Powertools: one JSON line per call with ~250 bytes of envelope
    // (timestamp, level, service, cold start, function name and request id) around what we log.
    log: (msg, data) => {
      logBytes += Buffer.byteLength(JSON.stringify({ msg, ...data })) + 250;
    },
  });
  const timer = new StageTimer();
  const meter = new DynamoWriteMeter();
  const dynamo = createDynamoClients({ region: 'us-east-1', endpoint: runtime.dynamoEndpoint });
  meter.attach(dynamo.raw);
  const repo = new DynamoDocumentRepository({ client: dynamo.doc, table: runtime.table, cursorSecret: `local:${runtime.table}` });
  const deps = runtime.ingestDeps;
  const classifier = deps.classifier;
  deps.objects = timer.object(deps.objects, 'read', ['get', 'sha256']);
  deps.extract = timer.wrap('extract', deps.extract);
  deps.cache = timer.object(deps.cache, 'cache', ['get', 'put']);
  deps.classifier = {
    version: classifier.version,
    taxonomyVersion: classifier.taxonomyVersion,
    classifyText: timer.wrap('classify', (t: string) => classifier.classifyText(t)),
    classifyDocument: timer.wrap('classify', (p: Parameters<Classifier['classifyDocument']>[0], d?: Parameters<Classifier['classifyDocument']>[1]) => classifier.classifyDocument(p, d)),
  };
  deps.repo = timer.object(repo, 'write', ['registerDocument', 'getDocument', 'setStatus', 'writeVersion', 'switchVersion']);
  return {
    runtime,
    timer,
    meter,
    dynamo,
    logBytes: () => logBytes,
    async close() {
      dynamo.raw.destroy();
      await runtime.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export interface UploadedCorpus {
  /** From the first upload request to the queue being idle (every document terminal). */
  wallMs: number;
  documents: Array<{ file: string; key: string; record: DocumentRecord | undefined }>;
}

/** Uploads every file (a few at a time, as a user's batch upload would) and waits until all are handled. */
export async function uploadAndWait(rt: LocalRuntime, files: CorpusFile[], parallelUploads = 4): Promise<UploadedCorpus> {
  const keys = files.map((f) => uploadObjectKey(rt.uploadPrefix, f.name));
  const t0 = performance.now();
  let next = 0;
  const uploader = async () => {
    while (next < files.length) {
      const i = next++;
      await putPdf(rt.s3, { bucket: rt.bucket, key: keys[i], body: readFileSync(files[i].path), metadata: {} });
    }
  };
  await Promise.all(Array.from({ length: parallelUploads }, uploader));
  await rt.idle();
  const wallMs = performance.now() - t0;
  const documents = [];
  for (const [i, f] of files.entries()) {
    const id = await rt.repo.documentIdForKey(keys[i]);
    documents.push({ file: f.name, key: keys[i], record: id ? await rt.repo.getDocument(id) : undefined });
  }
  return { wallMs, documents };
}

/** Total bytes of the objects under a prefix (the extraction cache). */
export async function prefixBytes(rt: LocalRuntime, prefix: string): Promise<{ objects: number; bytes: number }> {
  let token: string | undefined;
  let objects = 0;
  let bytes = 0;
  do {
    const page = await rt.s3.send(new ListObjectsV2Command({ Bucket: rt.bucket, Prefix: prefix, ContinuationToken: token }));
    for (const o of page.Contents ?? []) {
      objects++;
      bytes += o.Size ?? 0;
    }
    token = page.NextContinuationToken;
  } while (token);
  return { objects, bytes };
}
