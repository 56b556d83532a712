/**
 * SQS batches of OCR job completions (the resume function, and tests feeding the same shape).
 * Each message is one completion; failures are reported per message (`reportBatchItemFailures`),
 * so one document never holds up another, and a message that cannot be read at all is retried,
 * then kept in the dead-letter queue with the others that kept failing.
 */
import type { SQSBatchResponse, SQSEvent } from 'aws-lambda';
import { parseTextractCompletion } from '../../adapters/textract/completion';
import type { BatchOptions } from '../sqs-batch';
import { resumeFromOcr, type OcrResumeDeps, type ResumeOutcome } from './resume';

export async function handleOcrCompletionBatch(deps: OcrResumeDeps, event: SQSEvent, opts: BatchOptions): Promise<SQSBatchResponse & { outcomes: ResumeOutcome[] }> {
  const failures: SQSBatchResponse['batchItemFailures'] = [];
  const outcomes: ResumeOutcome[] = [];
  for (const record of event.Records ?? []) {
    try {
      const completion = parseTextractCompletion(record.body);
      const receiveCount = Number(record.attributes?.ApproximateReceiveCount ?? '1');
      const outcome = await resumeFromOcr(deps, completion, { finalAttempt: receiveCount >= opts.maxReceiveCount });
      if (outcome.outcome === 'ignored') opts.log?.('ocr completion ignored', { messageId: record.messageId, jobId: completion.jobId, reason: outcome.reason });
      outcomes.push(outcome);
    } catch (err) {
      opts.log?.('ocr completion failed', { messageId: record.messageId, error: (err as Error).message });
      opts.onItemFailure?.(record.messageId, err);
      failures.push({ itemIdentifier: record.messageId });
    }
  }
  return { batchItemFailures: failures, outcomes };
}
