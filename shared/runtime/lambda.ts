/**
 * Composition root of the Lambda functions: configuration from the environment (shared/config.ts),
 * SDK clients, adapters, and the application wiring. Built once per container and reused.
 *
 * Extra environment read here (optional): GCM_MAX_RECEIVE_COUNT (the ingest queue's maxReceiveCount,
 * default 5: on that delivery a failing document is recorded as `failed` instead of retried),
 * GCM_CURSOR_SECRET (HMAC key of pagination cursors; defaults to the table name, which makes
 * cursors validated but not secret), GCM_VERSION_RETENTION_DAYS (default 14).
 */
import { Logger } from '@aws-lambda-powertools/logger';
import { loadConfig, type AppConfig } from '../config';
import { extractDocument, EXTRACTOR_VERSION } from '../core/extract';
import { loadClassifier } from '../core/classify';
import { loadTaxonomy } from '../core/taxonomy';
import { createS3Client } from '../adapters/s3/client';
import { S3ObjectStore } from '../adapters/s3/object-store';
import { S3ExtractionCache } from '../adapters/s3/extraction-cache';
import { S3UploadSigner } from '../adapters/s3/presign';
import { createDynamoClients } from '../adapters/dynamodb/client';
import { DynamoDocumentRepository } from '../adapters/dynamodb/document-repository';
import type { IngestDeps } from '../app/ingest';
import type { ApiDeps } from '../app/api';

export const logger = new Logger({ serviceName: process.env.POWERTOOLS_SERVICE_NAME ?? 'gcm-tagger' });

const log = (msg: string, data?: Record<string, unknown>) => logger.info(msg, data ?? {});

interface LambdaRuntime {
  config: AppConfig;
  repo: DynamoDocumentRepository;
  ingest: IngestDeps;
  api: ApiDeps;
  maxReceiveCount: number;
}

let runtime: LambdaRuntime | undefined;

function positiveInt(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 1) throw new Error(`Invalid configuration: ${name} must be a positive integer`);
  return n;
}

export function lambdaRuntime(): LambdaRuntime {
  if (runtime) return runtime;
  const config = loadConfig();
  const s3 = createS3Client({ region: config.region, endpoint: config.s3Endpoint });
  const dynamo = createDynamoClients({ region: config.region, endpoint: config.dynamodbEndpoint });
  const repo = new DynamoDocumentRepository({
    client: dynamo.doc,
    table: config.table,
    cursorSecret: process.env.GCM_CURSOR_SECRET || `cursor:${config.table}`,
    retentionMs: positiveInt('GCM_VERSION_RETENTION_DAYS', 14) * 86_400_000,
  });
  const ingest: IngestDeps = {
    objects: new S3ObjectStore(s3),
    cache: new S3ExtractionCache(s3, config.bucket, config.cachePrefix),
    repo,
    extract: (bytes) => extractDocument(bytes, { limits: config.limits, workerPath: config.extractWorkerPath }),
    extractorVersion: EXTRACTOR_VERSION,
    classifier: loadClassifier(),
    uploadPrefix: config.uploadPrefix,
    maxBytes: config.limits.maxBytes,
    log,
  };
  const api: ApiDeps = {
    repo,
    taxonomy: loadTaxonomy(),
    signer: new S3UploadSigner(s3, config.bucket),
    uploadPrefix: config.uploadPrefix,
    maxUploadBytes: config.limits.maxBytes,
    log: (msg, data) => logger.error(msg, data ?? {}),
  };
  runtime = { config, repo, ingest, api, maxReceiveCount: positiveInt('GCM_MAX_RECEIVE_COUNT', 5) };
  return runtime;
}
