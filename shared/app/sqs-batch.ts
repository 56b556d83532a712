/**
 * SQS batch handling for the ingest function (and the local queue, which delivers the same shape).
 * Each message body is an S3 event notification. Failed messages are reported individually
 * (`reportBatchItemFailures`) so one bad document never blocks the others in its batch.
 */
import type { SQSBatchResponse, SQSEvent, SQSRecord } from 'aws-lambda';
import { isS3TestEvent, objectsFromS3Event, type ObjectRef } from '../adapters/s3/events';

export interface BatchOptions {
  /** The queue's maxReceiveCount: on the last delivery the handler records failures instead of retrying. */
  maxReceiveCount: number;
  log?: (msg: string, data?: Record<string, unknown>) => void;
  /** Called for each failed message with its error (the local queue keeps it as the dead-letter reason). */
  onItemFailure?: (messageId: string, error: unknown) => void;
}

export type ProcessObject = (ref: ObjectRef, ctx: { finalAttempt: boolean; messageId: string }) => Promise<unknown>;

export async function handleSqsBatch(event: SQSEvent, process: ProcessObject, opts: BatchOptions): Promise<SQSBatchResponse> {
  const failures: SQSBatchResponse['batchItemFailures'] = [];
  for (const record of event.Records ?? []) {
    try {
      await handleRecord(record, process, opts);
    } catch (err) {
      opts.log?.('message failed', { messageId: record.messageId, error: (err as Error).message });
      opts.onItemFailure?.(record.messageId, err);
      failures.push({ itemIdentifier: record.messageId });
    }
  }
  return { batchItemFailures: failures };
}

async function handleRecord(record: SQSRecord, process: ProcessObject, opts: BatchOptions): Promise<void> {
  const body = JSON.parse(record.body) as unknown;
  if (isS3TestEvent(body)) return;
  const receiveCount = Number(record.attributes?.ApproximateReceiveCount ?? '1');
  const finalAttempt = receiveCount >= opts.maxReceiveCount;
  for (const ref of objectsFromS3Event(body)) {
    await process(ref, { finalAttempt, messageId: record.messageId });
  }
}
