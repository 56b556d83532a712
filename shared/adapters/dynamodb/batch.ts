/**
 * BatchWriteItem in chunks of 25 (the service limit), retrying UnprocessedItems with exponential backoff.
 * Batches are not transactional; callers make each item idempotent (deterministic keys).
 */
import { BatchWriteCommand, BatchGetCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';

export const BATCH_WRITE_LIMIT = 25;
export const BATCH_GET_LIMIT = 100;

export type WriteRequest =
  | { PutRequest: { Item: Record<string, unknown> } }
  | { DeleteRequest: { Key: Record<string, unknown> } };

export interface RetryOptions {
  maxAttempts?: number;
  /** BatchGet only: strongly consistent reads. */
  consistent?: boolean;
  baseDelayMs?: number;
  sleep?: (ms: number) => Promise<void>;
}

export class UnprocessedItemsError extends Error {
  constructor(readonly remaining: number) {
    super(`${remaining} items still unprocessed after retries`);
    this.name = 'UnprocessedItemsError';
  }
}

const defaultSleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

export function chunk<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

export async function batchWriteAll(
  client: DynamoDBDocumentClient,
  table: string,
  requests: readonly WriteRequest[],
  opts: RetryOptions = {},
): Promise<{ calls: number }> {
  const maxAttempts = opts.maxAttempts ?? 8;
  const base = opts.baseDelayMs ?? 50;
  const sleep = opts.sleep ?? defaultSleep;
  let calls = 0;
  for (const group of chunk(requests, BATCH_WRITE_LIMIT)) {
    let pending: WriteRequest[] = group;
    for (let attempt = 1; pending.length > 0; attempt++) {
      if (attempt > maxAttempts) throw new UnprocessedItemsError(pending.length);
      if (attempt > 1) await sleep(backoff(base, attempt));
      calls++;
      const res = await client.send(new BatchWriteCommand({ RequestItems: { [table]: pending as never } }));
      pending = (res.UnprocessedItems?.[table] as WriteRequest[] | undefined) ?? [];
    }
  }
  return { calls };
}

export async function batchGetAll(
  client: DynamoDBDocumentClient,
  table: string,
  keyList: readonly Record<string, unknown>[],
  opts: RetryOptions = {},
): Promise<Record<string, unknown>[]> {
  const maxAttempts = opts.maxAttempts ?? 8;
  const base = opts.baseDelayMs ?? 50;
  const sleep = opts.sleep ?? defaultSleep;
  const found: Record<string, unknown>[] = [];
  for (const group of chunk(keyList, BATCH_GET_LIMIT)) {
    let pending = group;
    for (let attempt = 1; pending.length > 0; attempt++) {
      if (attempt > maxAttempts) throw new UnprocessedItemsError(pending.length);
      if (attempt > 1) await sleep(backoff(base, attempt));
      const res = await client.send(new BatchGetCommand({ RequestItems: { [table]: { Keys: pending as never, ...(opts.consistent ? { ConsistentRead: true } : {}) } } }));
      found.push(...((res.Responses?.[table] as Record<string, unknown>[] | undefined) ?? []));
      pending = (res.UnprocessedKeys?.[table]?.Keys as Record<string, unknown>[] | undefined) ?? [];
    }
  }
  return found;
}

/** Full-jitter exponential backoff, capped at 2 s. */
function backoff(base: number, attempt: number): number {
  const ceiling = Math.min(2000, base * 2 ** (attempt - 2));
  return Math.round(ceiling / 2 + Math.random() * (ceiling / 2));
}
