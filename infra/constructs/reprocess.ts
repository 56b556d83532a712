/**
 * Reprocessing fan-out: one SQS queue (with a dead-letter queue) consumed by the reprocess
 * function, which also feeds it. A run starts with one message; each plan message reads one page
 * of documents, sends one message per document and one for the next page, so no invocation ever
 * lists the archive. The event source's maxConcurrency is the throttle that keeps a run of
 * hundreds of thousands of documents from overrunning the table (see the README section "Reprocessing the archive").
 */
import type { aws_cloudwatch as cloudwatch, aws_sqs as sqs } from 'aws-cdk-lib';
import { Construct } from 'constructs';
import type { AppFunction } from './lambda-function';
import { EXTRACTION_WORKER_SIZING, addQueueWorker, type PipelineWorkerProps } from './queue-worker';

export const REPROCESS_SIZING = {
  /** A re-extraction parses a PDF like ingestion does; a re-tag needs far less but the same code runs. */
  ...EXTRACTION_WORKER_SIZING,
  /** One message per invocation: a document message may re-extract a PDF (up to two minutes). */
  batchSize: 1,
  /**
   * Documents in flight at once. Each writes a few hundred items (paragraphs, tags, index); five
   * writers re-tagging at ~1 document/s each stay in the low hundreds of writes per second, leaving
   * the on-demand table's headroom to uploads (ingest: up to 10) and queries.
   */
  maxConcurrency: 5,
} as const;

export type ReprocessProps = PipelineWorkerProps;

export class Reprocess extends Construct {
  readonly queue: sqs.Queue;
  readonly deadLetterQueue: sqs.Queue;
  readonly function: AppFunction;
  readonly dlqAlarm: cloudwatch.Alarm;

  constructor(scope: Construct, id: string, props: ReprocessProps) {
    super(scope, id);

    const worker = addQueueWorker(this, {
      ...props,
      functionId: 'Reprocess',
      bundle: 'reprocess',
      description: 'Reprocessing runs: plans one page of documents per message and re-tags up to 25 documents per message (from the extraction cache) or re-extracts one document per message',
      serviceName: 'gcm-tagger-reprocess',
      sizing: REPROCESS_SIZING,
      // It feeds its own queue (next page, one message per document).
      ownQueueUrlVariable: 'GCM_REPROCESS_QUEUE_URL',
      // Same data rights as ingestion; uploads are read again by a re-extraction.
      wildcardReasons: {
        uploads: 'a re-extraction reads each document\'s PDF by the key it was uploaded under, chosen by uploaders',
        cache: 'the reprocess function reads and writes cache entries keyed by each PDF\'s SHA-256 and the extractor version',
      },
      deadLetterAlarmDescription:
        'Reprocessing messages reached the dead-letter queue: a run cannot finish until they are redriven (gcm reprocess --resume <run>).',
    });
    this.queue = worker.queue;
    this.deadLetterQueue = worker.deadLetterQueue;
    this.function = worker.function;
    this.dlqAlarm = worker.dlqAlarm;
  }
}
