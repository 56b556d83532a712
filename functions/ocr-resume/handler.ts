/**
 * OCR resume Lambda: SQS batches of Textract completions (from the SNS topic Textract publishes
 * to) resume their documents, with per-message failures; the scheduled time-limit event records
 * documents that waited too long for their job as failed.
 */
import type { SQSBatchResponse, SQSEvent } from 'aws-lambda';
import { expireOverdueOcr, handleOcrCompletionBatch, TIME_LIMIT_EVENT } from '../../shared/app/ocr';
import { logger } from '../../shared/runtime/lambda';
import { ocrResumeRuntime } from '../../shared/runtime/lambda-ocr-resume';

export async function handler(event: SQSEvent | typeof TIME_LIMIT_EVENT): Promise<SQSBatchResponse | { expired: string[] }> {
  const rt = ocrResumeRuntime();
  if ('task' in event && event.task === TIME_LIMIT_EVENT.task) {
    return { expired: await expireOverdueOcr({ ...rt.resume, log: (msg, data) => logger.warn(msg, data ?? {}) }) };
  }
  if (!('Records' in event)) throw new Error('unexpected event: neither an SQS batch nor the OCR time-limit schedule');
  const res = await handleOcrCompletionBatch(rt.resume, event, { maxReceiveCount: rt.maxReceiveCount, log: (msg, data) => logger.warn(msg, data ?? {}) });
  return { batchItemFailures: res.batchItemFailures };
}
