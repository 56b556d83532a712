/**
 * Composition for `gcm reprocess`. Locally (default) the run is carried out inside the CLI process
 * with the in-process queue, against the emulators `npm start` serves (GCM_S3_ENDPOINT,
 * GCM_DYNAMODB_ENDPOINT, defaults 127.0.0.1:4569 and :4567): the same fan-out logic as on AWS.
 * With GCM_REPROCESS_QUEUE_URL set, the CLI only creates the run and sends its first message to
 * that queue; the reprocess function does the rest, and the CLI follows the run record.
 */
import { SQSClient } from '@aws-sdk/client-sqs';
import { extractDocument, EXTRACTOR_VERSION, ocrEngineFor, ocrModeFor, type OcrSetting } from '../../core/extract';
import { loadClassifier } from '../../core/classify';
import { createS3Client } from '../../adapters/s3/client';
import { S3ObjectStore } from '../../adapters/s3/object-store';
import { S3ExtractionCache } from '../../adapters/s3/extraction-cache';
import { createDynamoClients } from '../../adapters/dynamodb/client';
import { DynamoDocumentRepository } from '../../adapters/dynamodb/document-repository';
import { DynamoRunStore } from '../../adapters/dynamodb/run-store';
import { runRetentionMs } from '../../config';
import { SqsMessageSender } from '../../adapters/sqs/reprocess-sender';
import { ensureLayout } from '../../adapters/dynamodb/layout';
import type { ReprocessDeps } from '../../app/reprocess';
import type { MessageSender } from '../../app/reprocess/ports';

export interface ReprocessTarget {
  mode: 'local' | 'aws';
  deps: ReprocessDeps;
  /** AWS mode: where the run's first message goes. */
  sender?: MessageSender;
  /** Refuses (StorageLayoutError) a table in a layout this code does not read; `npm start` upgrades an old one. */
  checkLayout(): Promise<void>;
  close(): void;
}

export function reprocessTarget(env: NodeJS.ProcessEnv = process.env): ReprocessTarget {
  const queueUrl = env.GCM_REPROCESS_QUEUE_URL || undefined;
  const aws = Boolean(queueUrl);
  const region = env.AWS_REGION ?? 'us-east-1';
  const table = env.GCM_TABLE ?? (aws ? undefined : 'gcm-documents');
  const bucket = env.GCM_BUCKET ?? (aws ? undefined : 'gcm-archive');
  if (!table || !bucket) throw new Error('GCM_TABLE and GCM_BUCKET must be set with GCM_REPROCESS_QUEUE_URL (see the stack outputs)');
  const s3Endpoint = env.GCM_S3_ENDPOINT ?? (aws ? undefined : 'http://127.0.0.1:4569');
  const dynamoEndpoint = env.GCM_DYNAMODB_ENDPOINT ?? (aws ? undefined : 'http://127.0.0.1:4567');
  const s3 = createS3Client({ region, endpoint: s3Endpoint });
  const dynamo = createDynamoClients({ region, endpoint: dynamoEndpoint });
  // Cursor secret as the servers use it, so cursors the CLI stores in a run stay valid for them.
  const cursorSecret = env.GCM_CURSOR_SECRET || (aws ? `cursor:${table}` : `local:${table}`);
  const repo = new DynamoDocumentRepository({ client: dynamo.doc, table, cursorSecret });
  const runs = new DynamoRunStore({ client: dynamo.doc, table, cursorSecret, retentionMs: runRetentionMs(env) });
  // Locally, scans are read as `npm start` reads them (tesseract unless GCM_OCR=off); the Lambda functions carry no OCR engine.
  const ocrSetting: OcrSetting = aws || env.GCM_OCR === 'off' ? 'off' : 'tesseract';
  const deps: ReprocessDeps = {
    objects: new S3ObjectStore(s3),
    cache: new S3ExtractionCache(s3, bucket, env.GCM_CACHE_PREFIX ?? 'cache/'),
    repo,
    runs,
    extract: (bytes, known) => extractDocument(bytes, { ocr: ocrModeFor(ocrSetting, known) }),
    extractorVersion: EXTRACTOR_VERSION,
    ocrEngine: ocrEngineFor(ocrSetting),
    classifier: loadClassifier(),
    uploadPrefix: env.GCM_UPLOAD_PREFIX ?? 'uploads/',
    maxBytes: 50 * 1024 * 1024,
  };
  const sqs = queueUrl ? new SQSClient({ region }) : undefined;
  return {
    mode: aws ? 'aws' : 'local',
    deps,
    sender: sqs && queueUrl ? new SqsMessageSender(sqs, queueUrl) : undefined,
    async checkLayout() {
      await ensureLayout(dynamo.doc, table, { where: `table ${table}${dynamoEndpoint ? ` at ${dynamoEndpoint}` : ''}` });
    },
    close() {
      s3.destroy();
      dynamo.raw.destroy();
      sqs?.destroy();
    },
  };
}
