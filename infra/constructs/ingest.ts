/**
 * S3 → SQS → ingest Lambda. S3 event notifications are delivered at least once and Lambda's own
 * retries of asynchronous events are few and opaque, so events land in a queue first: messages
 * that keep failing move to a dead-letter queue, an alarm fires, and an operator redrives them.
 */
import { Duration, aws_cloudwatch as cloudwatch, aws_s3 as s3, aws_s3_notifications as s3n, type aws_sqs as sqs } from 'aws-cdk-lib';
import { Construct } from 'constructs';
import type { AppFunction } from './lambda-function';
import { EXTRACTION_WORKER_SIZING, addQueueWorker, type PipelineWorkerProps } from './queue-worker';

/** Sizing of the ingest path, in one place because the numbers depend on each other. */
export const INGEST_SIZING = {
  ...EXTRACTION_WORKER_SIZING,
  /** One PDF per invocation: a batch of PDFs would have to share one function timeout. */
  batchSize: 1,
  /**
   * At most this many documents are processed at once. Each writes a few hundred items in
   * BatchWriteItem calls; 10 concurrent writers stay far below a new on-demand table's initial
   * 4,000 write units per second, so bursts never meet throttling retries.
   */
  maxConcurrency: 10,
  maxPdfBytes: 50 * 1024 * 1024,
  maxPages: 500,
} as const;

export type IngestProps = PipelineWorkerProps;

export class Ingest extends Construct {
  readonly queue: sqs.Queue;
  readonly deadLetterQueue: sqs.Queue;
  readonly function: AppFunction;
  readonly dlqAlarm: cloudwatch.Alarm;
  readonly backlogAlarm: cloudwatch.Alarm;

  constructor(scope: Construct, id: string, props: IngestProps) {
    super(scope, id);

    const worker = addQueueWorker(this, {
      ...props,
      functionId: 'Ingest',
      bundle: 'ingest',
      description: 'Extracts, classifies and stores each PDF uploaded under the upload prefix',
      serviceName: 'gcm-tagger-ingest',
      sizing: INGEST_SIZING,
      wildcardReasons: {
        uploads: 'uploaded PDFs are read by key, and keys under the upload prefix are chosen by uploaders',
        cache: 'cache keys are derived from each PDF\'s SHA-256 and extractor version, unknown in advance',
      },
      deadLetterAlarmDescription: 'PDF ingestion messages reached the dead-letter queue; see the README section on redrive.',
      onQueue: (queue) => {
        // Keys are case-sensitive and S3 filters match exactly: both spellings of the extension count.
        for (const suffix of ['.pdf', '.PDF']) {
          props.bucket.addEventNotification(s3.EventType.OBJECT_CREATED, new s3n.SqsDestination(queue), {
            prefix: props.uploadPrefix,
            suffix,
          });
        }
      },
    });
    this.queue = worker.queue;
    this.deadLetterQueue = worker.deadLetterQueue;
    this.function = worker.function;
    this.dlqAlarm = worker.dlqAlarm;

    // Messages waiting too long mean ingestion has stalled (every invocation failing or throttled)
    // even before anything is dead-lettered.
    this.backlogAlarm = props.alerts.alarmAtOrAbove(this, 'BacklogAlarm', {
      description: 'The oldest PDF upload event has waited over an hour: ingestion is stalled or far behind.',
      metric: this.queue.metricApproximateAgeOfOldestMessage({ period: Duration.minutes(5), statistic: cloudwatch.Stats.MAXIMUM }),
      threshold: 3600,
      evaluationPeriods: 3,
    });
  }
}
