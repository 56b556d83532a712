/**
 * Runs the fan-out inside one process: the same plan/document messages and consumer as on AWS,
 * carried by an in-process queue (shared/local/queue.ts, passed in by the composition root so
 * this layer does not depend on the local runtime).
 */
import { handleBatch, type ConsumerDeps } from './messages';
import type { MessageSender } from './ports';
import { resumeRun, startRun } from './start';
import type { ReprocessRun, RunScope } from './types';

export interface LocalQueue {
  send(body: string): string;
  idle(): Promise<void>;
  close(): Promise<void>;
}

export type QueueConsumer = (messages: Array<{ messageId: string; body: string; receiveCount: number }>) => Promise<{ failedMessageIds: string[] }>;

export interface InProcessOptions {
  /** Builds the queue around the consumer (e.g. `(consumer) => new InProcessQueue({ consumer, concurrency: 2 })`). */
  makeQueue: (consumer: QueueConsumer) => LocalQueue;
  maxReceiveCount: number;
  planPageSize?: number;
  /** Re-tags per document message (default DOCUMENTS_PER_MESSAGE). */
  documentsPerMessage?: number;
  /** Called with the run record about every `progressMs` while the run proceeds, and at the end. */
  onProgress?: (run: ReprocessRun) => void;
  progressMs?: number;
}

export interface InProcessFanOut {
  queue: LocalQueue;
  sender: MessageSender;
  consumer: ConsumerDeps;
}

export function inProcessFanOut(deps: Omit<ConsumerDeps, 'sender' | 'maxReceiveCount'>, opts: InProcessOptions): InProcessFanOut {
  let queue: LocalQueue | undefined;
  const sender: MessageSender = {
    async send(messages) {
      for (const m of messages) queue!.send(JSON.stringify(m));
    },
  };
  const consumer: ConsumerDeps = { ...deps, sender, maxReceiveCount: opts.maxReceiveCount, planPageSize: opts.planPageSize, documentsPerMessage: opts.documentsPerMessage };
  queue = opts.makeQueue((messages) => handleBatch(consumer, messages));
  return { queue, sender, consumer };
}

/** Starts (or resumes) a run over `scope` and waits until the queue has nothing left. */
export async function runInProcess(
  deps: Omit<ConsumerDeps, 'sender' | 'maxReceiveCount'>,
  scope: RunScope | { resume: string },
  opts: InProcessOptions,
): Promise<{ run: ReprocessRun; resumed: boolean }> {
  const fan = inProcessFanOut(deps, opts);
  const start = { runs: deps.runs, sender: fan.sender, classifierVersion: deps.classifier.version, extractorVersion: deps.extractorVersion, documentsPerMessage: opts.documentsPerMessage };
  let runId: string;
  let resumed: boolean;
  if ('resume' in scope) {
    runId = (await resumeRun(start, scope.resume)).runId;
    resumed = true;
  } else {
    const started = await startRun(start, scope);
    runId = started.run.runId;
    resumed = started.resumed;
  }
  const report = async () => {
    const r = await deps.runs.getRun(runId);
    if (r) opts.onProgress?.(r);
  };
  const timer = opts.onProgress ? setInterval(() => void report().catch(() => {}), opts.progressMs ?? 250) : undefined;
  try {
    await fan.queue.idle();
  } finally {
    if (timer) clearInterval(timer);
    await fan.queue.close();
  }
  await report();
  const run = await deps.runs.getRun(runId);
  if (!run) throw new Error(`run ${runId} vanished`);
  return { run, resumed };
}
