/**
 * The fan-out's consumer: the same function serves the reprocess Lambda (SQS batches) and the
 * in-process queue. Plan messages read one page; document messages bring one document to target.
 */
import type { SQSBatchResponse, SQSEvent } from 'aws-lambda';
import { z } from 'zod';
import { planPage } from './plan';
import { InvalidScopeError, parseScope } from './scope';
import { RUN_ID_PATTERN, startRun } from './start';
import type { MessageSender } from './ports';
import { BatchIncompleteError, processWorkItems, type ReprocessDeps } from './process-document';
import { MAX_DOCUMENTS_PER_MESSAGE } from './types';
import type { ReprocessMessage } from './types';

export interface ConsumerDeps extends ReprocessDeps {
  sender: MessageSender;
  /** The queue's maxReceiveCount: on that delivery a failing document is recorded as failed. */
  maxReceiveCount: number;
  planPageSize?: number;
  /** Re-tags per document message (default DOCUMENTS_PER_MESSAGE). */
  documentsPerMessage?: number;
}

const MessageSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('start'), runId: z.string().regex(RUN_ID_PATTERN), scope: z.string().min(1).max(1100) }),
  z.object({ type: z.literal('plan'), runId: z.string().min(1).max(64), cursor: z.string().max(4096).optional() }),
  z.object({ type: z.literal('document'), runId: z.string().min(1).max(64), documentId: z.string().regex(/^[0-9a-f]{64}$/) }),
  z.object({
    type: z.literal('documents'),
    runId: z.string().min(1).max(64),
    documentIds: z.array(z.string().regex(/^[0-9a-f]{64}$/)).min(1).max(MAX_DOCUMENTS_PER_MESSAGE),
  }),
]);

export class InvalidMessageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'InvalidMessageError';
  }
}

export function parseMessage(body: string): ReprocessMessage {
  let raw: unknown;
  try {
    raw = JSON.parse(body);
  } catch {
    throw new InvalidMessageError('message body is not JSON');
  }
  const res = MessageSchema.safeParse(raw);
  if (!res.success) throw new InvalidMessageError(`not a reprocess message: ${res.error.issues.map((i) => i.message).join('; ')}`);
  return res.data;
}

export async function handleMessage(deps: ConsumerDeps, message: ReprocessMessage, receiveCount: number): Promise<void> {
  if (message.type === 'start') {
    if (await deps.runs.getRun(message.runId)) return; // a redelivered start
    const start = { runs: deps.runs, sender: deps.sender, classifierVersion: deps.classifier.version, extractorVersion: deps.extractorVersion, documentsPerMessage: deps.documentsPerMessage };
    await startRun(start, parseScope(message.scope), message.runId);
    return;
  }
  if (message.type === 'plan') {
    await planPage({ repo: deps.repo, runs: deps.runs, sender: deps.sender, pageSize: deps.planPageSize, ocrEngine: deps.ocrEngine, documentsPerMessage: deps.documentsPerMessage }, message.runId, message.cursor);
    return;
  }
  const ids = message.type === 'document' ? [message.documentId] : message.documentIds;
  const res = await processWorkItems(deps, message.runId, ids, { finalAttempt: receiveCount >= deps.maxReceiveCount });
  // The others are recorded; the message comes back for these only (finished items are skipped).
  if (res.retry.size > 0) {
    for (const [documentId, err] of res.retry) deps.log?.('reprocess document failed', { runId: message.runId, documentId, error: err.message });
    throw new BatchIncompleteError(res.retry);
  }
}

/** One batch of queue messages; failures are reported per message so the others are not retried. */
export async function handleBatch(
  deps: ConsumerDeps,
  messages: ReadonlyArray<{ messageId: string; body: string; receiveCount: number }>,
): Promise<{ failedMessageIds: string[] }> {
  const failedMessageIds: string[] = [];
  for (const m of messages) {
    try {
      await handleMessage(deps, parseMessage(m.body), m.receiveCount);
    } catch (err) {
      deps.log?.('reprocess message failed', { messageId: m.messageId, error: (err as Error).message });
      // A malformed message can never succeed: drop it rather than retry it into the dead-letter queue.
      if (!(err instanceof InvalidMessageError) && !(err instanceof InvalidScopeError)) failedMessageIds.push(m.messageId);
    }
  }
  return { failedMessageIds };
}

/** The reprocess Lambda's SQS handler body. */
export async function handleSqsReprocessBatch(deps: ConsumerDeps, event: SQSEvent): Promise<SQSBatchResponse> {
  const res = await handleBatch(
    deps,
    (event.Records ?? []).map((r) => ({ messageId: r.messageId, body: r.body, receiveCount: Number(r.attributes?.ApproximateReceiveCount ?? '1') })),
  );
  return { batchItemFailures: res.failedMessageIds.map((itemIdentifier) => ({ itemIdentifier })) };
}
