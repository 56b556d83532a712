/**
 * In-process queue with the delivery semantics SQS gives a Lambda consumer:
 * - at-least-once: a message is removed only when its consumer call reports it done;
 * - bounded concurrency: at most `concurrency` consumer calls run at once;
 * - retry with exponential backoff: a failed message becomes visible again after a delay;
 * - dead-letter list: after `maxReceiveCount` failed receives the message moves to `deadLetters`.
 * Messages live in memory only: on restart, the local runtime re-enqueues unfinished uploads itself.
 */
import { randomUUID } from 'node:crypto';

export interface QueueMessage {
  messageId: string;
  body: string;
  /** How many times the message has been delivered, this delivery included (SQS ApproximateReceiveCount). */
  receiveCount: number;
  sentAt: number;
}

export interface DeadLetter extends QueueMessage {
  lastError: string;
}

/**
 * Returns the ids of the messages that failed (SQS batchItemFailures), optionally with each one's
 * error (`errors`, by message id; `error` otherwise); throwing fails the whole batch.
 */
export type BatchConsumer = (
  messages: QueueMessage[],
) => Promise<{ failedMessageIds: string[]; error?: string; errors?: Record<string, string> }>;

export interface QueueOptions {
  consumer: BatchConsumer;
  concurrency?: number;
  batchSize?: number;
  maxReceiveCount?: number;
  /** First retry delay; doubles on each later receive, capped at maxDelayMs. */
  baseDelayMs?: number;
  maxDelayMs?: number;
  onDeadLetter?: (dead: DeadLetter) => void;
}

export class InProcessQueue {
  readonly deadLetters: DeadLetter[] = [];
  private readonly ready: QueueMessage[] = [];
  private readonly timers = new Set<NodeJS.Timeout>();
  private inFlight = 0;
  private closed = false;
  private idleWaiters: Array<() => void> = [];
  private readonly concurrency: number;
  private readonly batchSize: number;
  private readonly maxReceiveCount: number;
  private readonly baseDelayMs: number;
  private readonly maxDelayMs: number;

  constructor(private readonly opts: QueueOptions) {
    this.concurrency = opts.concurrency ?? 2;
    this.batchSize = opts.batchSize ?? 1;
    this.maxReceiveCount = opts.maxReceiveCount ?? 3;
    this.baseDelayMs = opts.baseDelayMs ?? 500;
    this.maxDelayMs = opts.maxDelayMs ?? 30_000;
    if (this.concurrency < 1 || this.batchSize < 1 || this.maxReceiveCount < 1) {
      throw new RangeError('concurrency, batchSize and maxReceiveCount must be at least 1');
    }
  }

  get maxReceives(): number {
    return this.maxReceiveCount;
  }

  send(body: string): string {
    if (this.closed) throw new Error('queue is closed');
    const message: QueueMessage = { messageId: randomUUID(), body, receiveCount: 0, sentAt: Date.now() };
    this.ready.push(message);
    queueMicrotask(() => this.pump());
    return message.messageId;
  }

  /** Messages waiting, delayed for retry, or being processed. */
  get pending(): number {
    return this.ready.length + this.timers.size + this.inFlight;
  }

  /** Resolves once nothing is waiting, delayed or in flight. */
  idle(): Promise<void> {
    if (this.pending === 0) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  /** Stops deliveries and drops delayed retries; waits for in-flight batches to finish. */
  async close(): Promise<void> {
    this.closed = true;
    for (const t of this.timers) clearTimeout(t);
    this.timers.clear();
    this.ready.length = 0;
    if (this.inFlight > 0) await new Promise<void>((resolve) => this.idleWaiters.push(resolve));
    this.notifyIdle();
  }

  private pump(): void {
    while (!this.closed && this.inFlight < this.concurrency && this.ready.length > 0) {
      const batch = this.ready.splice(0, this.batchSize);
      for (const m of batch) m.receiveCount++;
      this.inFlight++;
      void this.deliver(batch).finally(() => {
        this.inFlight--;
        this.pump();
        this.notifyIdle();
      });
    }
  }

  private async deliver(batch: QueueMessage[]): Promise<void> {
    let failed: Set<string>;
    let error = 'consumer reported failure';
    let errors: Record<string, string> = {};
    try {
      const res = await this.opts.consumer(batch.map((m) => ({ ...m })));
      failed = new Set(res.failedMessageIds);
      if (res.error) error = res.error;
      errors = res.errors ?? {};
    } catch (err) {
      failed = new Set(batch.map((m) => m.messageId));
      error = (err as Error)?.message ?? String(err);
    }
    for (const m of batch) if (failed.has(m.messageId)) this.retryOrDeadLetter(m, errors[m.messageId] ?? error);
  }

  private retryOrDeadLetter(m: QueueMessage, error: string): void {
    if (m.receiveCount >= this.maxReceiveCount) {
      const dead = { ...m, lastError: error };
      this.deadLetters.push(dead);
      this.opts.onDeadLetter?.(dead);
      return;
    }
    if (this.closed) return;
    const delay = Math.min(this.maxDelayMs, this.baseDelayMs * 2 ** (m.receiveCount - 1));
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      if (this.closed) return;
      this.ready.push(m);
      this.pump();
      this.notifyIdle();
    }, delay);
    this.timers.add(timer);
  }

  private notifyIdle(): void {
    if (this.pending !== 0 && !this.closed) return;
    if (this.pending !== 0 && this.inFlight !== 0) return;
    const waiters = this.idleWaiters;
    this.idleWaiters = [];
    for (const w of waiters) w();
  }
}
