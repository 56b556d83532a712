/** Ingest Lambda: SQS batches of S3 ObjectCreated notifications → ingestObject, with per-message failures. */
import type { SQSBatchResponse, SQSEvent } from 'aws-lambda';
import { ingestObject } from '../../shared/app/ingest';
import { handleSqsBatch } from '../../shared/app/sqs-batch';
import { logger } from '../../shared/runtime/lambda';
import { ingestRuntime } from '../../shared/runtime/lambda-ingest';
import { createIngestMetrics, recordIngestError, recordIngestOutcome } from '../../shared/runtime/ingest-metrics';

const metrics = createIngestMetrics();

export async function handler(event: SQSEvent): Promise<SQSBatchResponse> {
  const rt = ingestRuntime();
  try {
    return await handleSqsBatch(
      event,
      async (ref, ctx) => {
        const started = Date.now();
        try {
          const outcome = await ingestObject(rt.ingest, { ...ref, finalAttempt: ctx.finalAttempt });
          recordIngestOutcome(metrics, outcome, Date.now() - started);
          return outcome;
        } catch (err) {
          recordIngestError(metrics);
          throw err;
        }
      },
      { maxReceiveCount: rt.maxReceiveCount, log: (msg, data) => logger.warn(msg, data ?? {}) },
    );
  } finally {
    metrics.publishStoredMetrics();
  }
}
