/**
 * Composition root of the reprocess function: the ingest wiring (extraction, cache, classifier,
 * repository) plus the run store and the SQS sender of its own queue. Built once per container.
 * Environment: GCM_REPROCESS_QUEUE_URL (required: the queue this function consumes and feeds),
 * GCM_MAX_RECEIVE_COUNT (that queue's maxReceiveCount), GCM_CURSOR_SECRET as for the API,
 * GCM_RUN_RETENTION_DAYS (how long finished runs and their change reports are kept, default 90).
 */
import { SQSClient } from '@aws-sdk/client-sqs';
import { createDynamoClients } from '../../shared/adapters/dynamodb/client';
import { DynamoRunStore } from '../../shared/adapters/dynamodb/run-store';
import { SqsMessageSender } from '../../shared/adapters/sqs/reprocess-sender';
import type { ConsumerDeps } from '../../shared/app/reprocess/messages';
import { lambdaStorage, logger, runRetentionMs } from '../../shared/runtime/lambda';
import { ingestRuntime } from '../../shared/runtime/lambda-ingest';

let deps: ConsumerDeps | undefined;

export function reprocessRuntime(): ConsumerDeps {
  if (deps) return deps;
  const { config } = lambdaStorage();
  const { ingest, maxReceiveCount } = ingestRuntime();
  const queueUrl = process.env.GCM_REPROCESS_QUEUE_URL;
  if (!queueUrl) throw new Error('Invalid configuration: GCM_REPROCESS_QUEUE_URL is required');
  const dynamo = createDynamoClients({ region: config.region, endpoint: config.dynamodbEndpoint });
  const runs = new DynamoRunStore({
    client: dynamo.doc,
    table: config.table,
    cursorSecret: process.env.GCM_CURSOR_SECRET || `cursor:${config.table}`,
    retentionMs: runRetentionMs(),
  });
  deps = {
    ...ingest,
    runs,
    sender: new SqsMessageSender(new SQSClient({ region: config.region }), queueUrl),
    maxReceiveCount,
    log: (msg, data) => logger.info(msg, data ?? {}),
  };
  return deps;
}
