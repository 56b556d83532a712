/**
 * Reprocess Lambda: SQS batches of fan-out messages (start a run, plan one page, bring one document
 * to the run's versions). The queue's maxConcurrency is what keeps a run from overrunning DynamoDB.
 */
import type { SQSBatchResponse, SQSEvent } from 'aws-lambda';
import { handleSqsReprocessBatch } from '../../shared/app/reprocess/messages';
import { reprocessRuntime } from './runtime';

export async function handler(event: SQSEvent): Promise<SQSBatchResponse> {
  return handleSqsReprocessBatch(reprocessRuntime(), event);
}
