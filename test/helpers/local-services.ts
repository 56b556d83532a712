/**
 * Starts the local emulators on free ports for a test file and stops them afterwards.
 * S3 is always s3rver (in a temp directory). DynamoDB is in-memory dynalite, unless
 * GCM_DYNAMODB_ENDPOINT points at an external one (CI's DynamoDB Local pass); then each
 * call gets its own table name so test files can share that server.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { DeleteTableCommand } from '@aws-sdk/client-dynamodb';
import type { S3Client } from '@aws-sdk/client-s3';
import { startDynalite, startS3, type RunningS3 } from '../../shared/local/emulators';
import { createS3Client } from '../../shared/adapters/s3/client';
import { createDynamoClients } from '../../shared/adapters/dynamodb/client';
import { ensureTable } from '../../shared/adapters/dynamodb/table';

export interface LocalServices {
  bucket: string;
  table: string;
  s3Endpoint: string;
  dynamoEndpoint: string;
  /** True when DynamoDB is an external server (DynamoDB Local) rather than dynalite. */
  externalDynamo: boolean;
  s3Server: RunningS3;
  s3: S3Client;
  dynamo: ReturnType<typeof createDynamoClients>;
  stop(): Promise<void>;
}

export async function startLocalServices(opts: { bucket?: string } = {}): Promise<LocalServices> {
  const bucket = opts.bucket ?? 'gcm-test';
  const dir = mkdtempSync(path.join(tmpdir(), 'gcm-s3-'));
  const s3Server = await startS3({ port: 0, directory: dir, buckets: [bucket] });
  const external = process.env.GCM_DYNAMODB_ENDPOINT;
  const dynalite = external ? undefined : await startDynalite({ port: 0 });
  const dynamoEndpoint = external ?? dynalite!.endpoint;
  const table = `gcm-test-${randomBytes(4).toString('hex')}`;
  const dynamo = createDynamoClients({ region: 'us-east-1', endpoint: dynamoEndpoint });
  await ensureTable(dynamo.raw, table);
  const s3 = createS3Client({ region: 'us-east-1', endpoint: s3Server.endpoint });
  return {
    bucket,
    table,
    s3Endpoint: s3Server.endpoint,
    dynamoEndpoint,
    externalDynamo: Boolean(external),
    s3Server,
    s3,
    dynamo,
    async stop() {
      if (external) await dynamo.raw.send(new DeleteTableCommand({ TableName: table })).catch(() => {});
      s3.destroy();
      dynamo.raw.destroy();
      await s3Server.close();
      await dynalite?.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
