/**
 * What every Lambda function of the app shares: configuration from the environment
 * (shared/config.ts), the SDK clients, the DynamoDB repository and the logger. Built once per
 * container and reused. Each function adds its own wiring in its own module (lambda-ingest.ts,
 * lambda-api.ts), so that a function's bundle holds only the code it runs: the API bundle carries
 * no pdf.js and no classifier model.
 *
 * Extra environment read here (optional): GCM_CURSOR_SECRET (HMAC key of pagination cursors;
 * defaults to the table name, which makes cursors validated but not secret),
 * GCM_VERSION_RETENTION_DAYS (default 14), GCM_RUN_RETENTION_DAYS (default 90: how long a finished
 * run and its change report are kept).
 */
import { Logger } from '@aws-lambda-powertools/logger';
import type { S3Client } from '@aws-sdk/client-s3';
import { loadConfig, type AppConfig } from '../config';

export { runRetentionMs } from '../config';
import { createS3Client } from '../adapters/s3/client';
import { createDynamoClients } from '../adapters/dynamodb/client';
import { DynamoDocumentRepository } from '../adapters/dynamodb/document-repository';

export const logger = new Logger({ serviceName: process.env.POWERTOOLS_SERVICE_NAME ?? 'gcm-tagger' });

export interface LambdaStorage {
  config: AppConfig;
  s3: S3Client;
  repo: DynamoDocumentRepository;
}

let storage: LambdaStorage | undefined;

export function positiveIntFromEnv(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 1) throw new Error(`Invalid configuration: ${name} must be a positive integer`);
  return n;
}

export function lambdaStorage(): LambdaStorage {
  if (storage) return storage;
  const config = loadConfig();
  const s3 = createS3Client({ region: config.region, endpoint: config.s3Endpoint });
  const dynamo = createDynamoClients({ region: config.region, endpoint: config.dynamodbEndpoint });
  const repo = new DynamoDocumentRepository({
    client: dynamo.doc,
    table: config.table,
    cursorSecret: process.env.GCM_CURSOR_SECRET || `cursor:${config.table}`,
    retentionMs: positiveIntFromEnv('GCM_VERSION_RETENTION_DAYS', 14) * 86_400_000,
  });
  storage = { config, s3, repo };
  return storage;
}
