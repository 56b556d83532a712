/**
 * Composition root of the local runtime: emulators → clients → adapters → ingest wiring → API app.
 * s3rver's object events go through the in-process queue to the same SQS batch handler the ingest
 * Lambda uses, with keys encoded the way real S3 encodes them in notifications.
 */
import os from 'node:os';
import path from 'node:path';
import type { S3Client } from '@aws-sdk/client-s3';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { SQSEvent, SQSRecord } from 'aws-lambda';
import type { Hono } from 'hono';
import { extractDocument, EXTRACTOR_VERSION, closeExtractionPool, ocrEngineFor, ocrModeFor, type OcrSetting } from '../core/extract';
import { loadClassifier } from '../core/classify';
import { loadTaxonomy } from '../core/taxonomy';
import type { ExtractionLimits } from '../core/extract/types';
import { createS3Client } from '../adapters/s3/client';
import { encodeS3EventKey } from '../adapters/s3/events';
import { listObjects } from '../adapters/s3/list';
import { S3ObjectStore } from '../adapters/s3/object-store';
import { S3ExtractionCache } from '../adapters/s3/extraction-cache';
import { S3UploadSigner } from '../adapters/s3/presign';
import { createDynamoClients } from '../adapters/dynamodb/client';
import { DynamoDocumentRepository } from '../adapters/dynamodb/document-repository';
import { DynamoRunStore } from '../adapters/dynamodb/run-store';
import { DynamoReviewRepository } from '../adapters/dynamodb/review-repository';
import { S3PdfLinker } from '../adapters/s3/pdf-links';
import { localIdentity } from '../app/api/identity';
import { ensureTable } from '../adapters/dynamodb/table';
import { ensureLayout } from '../adapters/dynamodb/layout';
import { upgradeLayout1 } from '../adapters/dynamodb/upgrade-layout-1';
import { ingestObject, type IngestDeps } from '../app/ingest';
import type { OcrJobs } from '../app/ports';
import { handleSqsBatch } from '../app/sqs-batch';
import { createApi } from '../app/api';
import { TERMINAL_STATUSES } from '../app/types';
import { InProcessQueue, type QueueMessage } from './queue';
import { startDynalite, startS3, type RunningDynamo, type RunningS3 } from './emulators';

export interface LocalRuntimeOptions {
  /** Folder for s3rver's objects (and dynalite's data when `persistDynamo`). */
  dataDir: string;
  persistDynamo?: boolean;
  /** 0 picks a free port. */
  s3Port?: number;
  dynamoPort?: number;
  /** External DynamoDB (e.g. DynamoDB Local); dynalite is not started when set. */
  dynamodbEndpoint?: string;
  bucket?: string;
  table?: string;
  uploadPrefix?: string;
  region?: string;
  limits?: Partial<ExtractionLimits>;
  /** How scanned pages are read (default: tesseract, or off when GCM_OCR=off). */
  ocr?: OcrSetting;
  /**
   * An external OCR engine instead (tests: a stand-in for Amazon Textract): scans are deferred to
   * its jobs, documents wait `ocr-pending`, and completions are fed to handleOcrCompletionBatch.
   */
  ocrJobs?: OcrJobs;
  apiToken?: string;
  /** Name recorded on review decisions made through this runtime (default: the OS user). */
  reviewer?: string;
  cursorSecret?: string;
  queue?: { concurrency?: number; maxReceiveCount?: number; baseDelayMs?: number };
  /** Upgrade a table in an older storage layout in place (default); false refuses it instead. */
  upgradeStorage?: boolean;
  log?: (msg: string, data?: Record<string, unknown>) => void;
}

export interface LocalRuntime {
  bucket: string;
  table: string;
  uploadPrefix: string;
  s3Endpoint: string;
  dynamoEndpoint: string;
  s3: S3Client;
  /** Document client on the table's DynamoDB (tests inspect items with it). */
  db: DynamoDBDocumentClient;
  repo: DynamoDocumentRepository;
  /** Reprocessing runs and their work items (same table). */
  runs: DynamoRunStore;
  /** Review decisions (same table). */
  reviews: DynamoReviewRepository;
  queue: InProcessQueue;
  api: Hono;
  ingestDeps: IngestDeps;
  /** Resolves when every queued upload has been handled (tagged, failed, or dead-lettered). */
  idle(): Promise<void>;
  /** Re-enqueues uploads that have no terminal status (e.g. the process stopped mid-way). Returns how many. */
  recoverUnfinished(): Promise<number>;
  close(): Promise<void>;
}

export const DEFAULT_MAX_RECEIVE_COUNT = 3;

export async function startLocalRuntime(opts: LocalRuntimeOptions): Promise<LocalRuntime> {
  const bucket = opts.bucket ?? 'gcm-archive';
  const table = opts.table ?? 'gcm-documents';
  const uploadPrefix = opts.uploadPrefix ?? 'uploads/';
  const region = opts.region ?? 'us-east-1';
  const log = opts.log ?? (() => {});
  const maxReceiveCount = opts.queue?.maxReceiveCount ?? DEFAULT_MAX_RECEIVE_COUNT;

  const started: Array<RunningS3 | RunningDynamo> = [];
  try {
    const s3Server = await startS3({ port: opts.s3Port ?? 0, directory: path.join(opts.dataDir, 's3'), buckets: [bucket] });
    started.push(s3Server);
    let dynamoEndpoint = opts.dynamodbEndpoint;
    if (!dynamoEndpoint) {
      const dynamo = await startDynalite({
        port: opts.dynamoPort ?? 0,
        path: opts.persistDynamo ? path.join(opts.dataDir, 'dynamodb') : undefined,
      });
      started.push(dynamo);
      dynamoEndpoint = dynamo.endpoint;
    }

    const s3 = createS3Client({ region, endpoint: s3Server.endpoint });
    const dynamo = createDynamoClients({ region, endpoint: dynamoEndpoint });
    await ensureTable(dynamo.raw, table);
    const repo = new DynamoDocumentRepository({ client: dynamo.doc, table, cursorSecret: opts.cursorSecret ?? `local:${table}` });
    const runs = new DynamoRunStore({ client: dynamo.doc, table, cursorSecret: opts.cursorSecret ?? `local:${table}` });
    const reviews = new DynamoReviewRepository({ client: dynamo.doc, table, cursorSecret: opts.cursorSecret ?? `local:${table}` });
    const limits = { ...opts.limits };
    // Scans are read by tesseract unless turned off (option, or GCM_OCR=off).
    const ocr: OcrSetting = opts.ocr ?? (process.env.GCM_OCR === 'off' ? 'off' : 'tesseract');
    const cache = new S3ExtractionCache(s3, bucket, 'cache/');
    // Before anything reads or writes: an archive written by an older version is upgraded or refused.
    const layout = await ensureLayout(dynamo.doc, table, {
      where: `the DynamoDB data${opts.persistDynamo ? ` in ${path.join(opts.dataDir, 'dynamodb')}` : ` of table ${table}`}`,
      upgrade: opts.upgradeStorage === false ? undefined : () => upgradeLayout1({ db: dynamo.doc, table, repo, cache, log }).then(() => undefined),
    });
    if (layout === 'upgraded') log('storage upgraded', { table });
    const ingestDeps: IngestDeps = {
      objects: new S3ObjectStore(s3),
      cache,
      repo,
      extract: (bytes, known, failure) =>
        extractDocument(bytes, {
          limits,
          ocr: opts.ocrJobs ? { kind: 'deferred', engineVersion: opts.ocrJobs.engineVersion, known, failure } : ocrModeFor(ocr, known),
        }),
      extractorVersion: EXTRACTOR_VERSION,
      ocrEngine: opts.ocrJobs?.engineVersion ?? ocrEngineFor(ocr),
      ocrJobs: opts.ocrJobs,
      classifier: loadClassifier(),
      uploadPrefix,
      maxBytes: limits.maxBytes ?? 50 * 1024 * 1024,
      log,
    };

    const queue = new InProcessQueue({
      concurrency: opts.queue?.concurrency ?? 2,
      maxReceiveCount,
      baseDelayMs: opts.queue?.baseDelayMs ?? 500,
      consumer: async (messages) => {
        const errors: Record<string, string> = {};
        const res = await handleSqsBatch(
          toSqsEvent(messages, region),
          (ref, ctx) => ingestObject(ingestDeps, { ...ref, finalAttempt: ctx.finalAttempt }),
          {
            maxReceiveCount,
            log,
            // Kept as the dead-letter reason, so a message that exhausted its retries says why.
            onItemFailure: (id, err) => {
              errors[id] = errorReason(err);
            },
          },
        );
        return { failedMessageIds: res.batchItemFailures.map((f) => f.itemIdentifier), errors };
      },
      onDeadLetter: (d) => log('dead-lettered', { body: d.body, error: d.lastError }),
    });

    // s3rver → queue: only uploads (the extraction cache lives in the same bucket), keys encoded like S3.
    s3Server.onEvent((event) => {
      for (const record of (event as { Records?: Array<Record<string, any>> }).Records ?? []) {
        const key: string | undefined = record?.s3?.object?.key;
        if (!String(record?.eventName).startsWith('ObjectCreated:') || !key?.startsWith(uploadPrefix)) continue;
        const s3Shaped = { ...record, s3: { ...record.s3, object: { ...record.s3.object, key: encodeS3EventKey(key) } } };
        try {
          queue.send(JSON.stringify({ Records: [s3Shaped] }));
        } catch (err) {
          // Shutting down: the upload is in S3 and recoverUnfinished() picks it up at the next start.
          log('event not queued', { key, error: (err as Error).message });
        }
      }
    });

    const api = createApi({
      repo,
      extractions: ingestDeps.cache,
      taxonomy: loadTaxonomy(),
      signer: new S3UploadSigner(s3, bucket),
      uploadPrefix,
      maxUploadBytes: ingestDeps.maxBytes,
      apiToken: opts.apiToken,
      runs,
      reviews,
      identify: localIdentity(opts.reviewer ?? localUser()),
      pdfLinks: new S3PdfLinker(s3),
      log,
    });

    async function recoverUnfinished(): Promise<number> {
      let count = 0;
      for await (const obj of listObjects(s3, bucket, uploadPrefix)) {
        const id = await repo.documentIdForKey(obj.key);
        const doc = id ? await repo.getDocument(id) : undefined;
        if (doc && TERMINAL_STATUSES.includes(doc.status)) continue;
        queue.send(JSON.stringify(syntheticEvent(bucket, obj.key, obj.size, region)));
        count++;
      }
      return count;
    }

    return {
      bucket,
      table,
      uploadPrefix,
      s3Endpoint: s3Server.endpoint,
      dynamoEndpoint,
      s3,
      db: dynamo.doc,
      repo,
      runs,
      reviews,
      queue,
      api,
      ingestDeps,
      idle: () => queue.idle(),
      recoverUnfinished,
      async close() {
        await queue.close();
        await closeExtractionPool();
        s3.destroy();
        dynamo.raw.destroy();
        for (const s of started.reverse()) await s.close();
      },
    };
  } catch (err) {
    for (const s of started.reverse()) await s.close().catch(() => {});
    throw err;
  }
}

function localUser(): string {
  try {
    return os.userInfo().username || 'local';
  } catch {
    return 'local';
  }
}

/** `<error name>: <message>` (SDK errors carry the service's error code as their name). */
function errorReason(err: unknown): string {
  if (err instanceof Error) return `${err.name}: ${err.message}`.slice(0, 500);
  return String(err).slice(0, 500);
}

/** The SQS event a Lambda would receive for these messages. */
function toSqsEvent(messages: QueueMessage[], region: string): SQSEvent {
  return {
    Records: messages.map(
      (m): SQSRecord => ({
        messageId: m.messageId,
        receiptHandle: m.messageId,
        body: m.body,
        attributes: {
          ApproximateReceiveCount: String(m.receiveCount),
          SentTimestamp: String(m.sentAt),
          SenderId: 'local',
          ApproximateFirstReceiveTimestamp: String(m.sentAt),
        },
        messageAttributes: {},
        md5OfBody: '',
        eventSource: 'aws:sqs',
        eventSourceARN: `arn:aws:sqs:${region}:000000000000:gcm-ingest-local`,
        awsRegion: region,
      }),
    ),
  };
}

/** An ObjectCreated record as S3 would send it, for uploads found at start-up without a result. */
function syntheticEvent(bucket: string, key: string, size: number, region: string) {
  return {
    Records: [
      {
        eventVersion: '2.1',
        eventSource: 'aws:s3',
        awsRegion: region,
        eventTime: new Date().toISOString(),
        eventName: 'ObjectCreated:Put',
        s3: { s3SchemaVersion: '1.0', bucket: { name: bucket }, object: { key: encodeS3EventKey(key), size } },
      },
    ],
  };
}
