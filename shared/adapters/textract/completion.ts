/**
 * Amazon Textract's completion notification, as it reaches the resume queue: published by
 * Textract to the SNS topic and delivered to SQS, either raw (the message itself, as the stack
 * subscribes the queue) or inside SNS's JSON envelope (`{"Type":"Notification","Message":"…"}`).
 */
import { z } from 'zod';
import type { OcrCompletion } from '../../app/ports';

export class InvalidCompletionError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'InvalidCompletionError';
  }
}

const TextractMessage = z.object({
  JobId: z.string().min(1).max(64),
  Status: z.enum(['SUCCEEDED', 'PARTIAL_SUCCESS', 'FAILED', 'ERROR']),
  API: z.literal('StartDocumentTextDetection'),
  // The stack tags each job with the id of the document it reads (hex SHA-256 of the PDF).
  JobTag: z.string().regex(/^[0-9a-f]{64}$/, 'JobTag is not a document id'),
});

export function parseTextractCompletion(body: string): OcrCompletion {
  let message = parseJson(body);
  if (isEnvelope(message)) message = parseJson(message.Message);
  const parsed = TextractMessage.safeParse(message);
  if (!parsed.success) {
    throw new InvalidCompletionError(`not a Textract text detection completion: ${parsed.error.issues.map((i) => `${i.path.join('.') || 'message'}: ${i.message}`).join('; ')}`);
  }
  const m = parsed.data;
  return { jobId: m.JobId, documentId: m.JobTag, status: m.Status === 'SUCCEEDED' || m.Status === 'PARTIAL_SUCCESS' ? 'succeeded' : 'failed' };
}

function isEnvelope(value: unknown): value is { Type: 'Notification'; Message: string } {
  const v = value as { Type?: unknown; Message?: unknown } | null;
  return typeof v === 'object' && v !== null && v.Type === 'Notification' && typeof v.Message === 'string';
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    throw new InvalidCompletionError(`the message is not JSON: ${text.slice(0, 80)}`);
  }
}
