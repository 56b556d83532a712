/** Ingest Lambda: SQS batches of S3 ObjectCreated notifications → ingestObject, with per-message failures. */
import type { SQSBatchResponse, SQSEvent } from 'aws-lambda';
import { ingestObject } from '../../shared/app/ingest';
import { handleSqsBatch } from '../../shared/app/sqs-batch';
import { logger } from '../../shared/runtime/lambda';
import { ingestRuntime } from '../../shared/runtime/lambda-ingest';

export async function handler(event: SQSEvent): Promise<SQSBatchResponse> {
  const rt = ingestRuntime();
  return handleSqsBatch(event, (ref, ctx) => ingestObject(rt.ingest, { ...ref, finalAttempt: ctx.finalAttempt }), {
    maxReceiveCount: rt.maxReceiveCount,
    log: (msg, data) => logger.warn(msg, data ?? {}),
  });
}
