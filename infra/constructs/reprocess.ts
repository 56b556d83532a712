/**
 * Reprocessing fan-out: one SQS queue (with a dead-letter queue) consumed by the reprocess
 * function, which also feeds it. A run starts with one message; each plan message reads one page
 * of documents, sends one message per document and one for the next page, so no invocation ever
 * lists the archive. The event source's maxConcurrency is the throttle that keeps a run of
 * hundreds of thousands of documents from overrunning the table (see the README section "Reprocessing the archive").
 */
import {
  Duration,
  aws_cloudwatch as cloudwatch,
  aws_iam as iam,
  aws_lambda_event_sources as sources,
  aws_logs as logs,
  aws_s3 as s3,
  aws_sqs as sqs,
} from 'aws-cdk-lib';
import { Construct } from 'constructs';
import { LAMBDA_TASK_ROOT } from '../bundling/options';
import type { Alerts } from './alerts';
import { AppFunction } from './lambda-function';
import { acknowledgeObjectWildcards } from './nag';

const FUNCTION_TIMEOUT = Duration.minutes(3);

export const REPROCESS_SIZING = {
  /** A re-extraction parses a PDF like ingestion does; a re-tag needs far less but the same code runs. */
  memoryMb: 2048,
  functionTimeout: FUNCTION_TIMEOUT,
  extractTimeoutMs: 120_000,
  visibilityTimeout: Duration.seconds(6 * FUNCTION_TIMEOUT.toSeconds()),
  maxReceiveCount: 5,
  /** One message per invocation: a document message may re-extract a PDF (up to two minutes). */
  batchSize: 1,
  /**
   * Documents in flight at once. Each writes a few hundred items (paragraphs, tags, index); five
   * writers re-tagging at ~1 document/s each stay in the low hundreds of writes per second, leaving
   * the on-demand table's headroom to uploads (ingest: up to 10) and queries.
   */
  maxConcurrency: 5,
} as const;

export interface ReprocessProps {
  bucket: s3.IBucket;
  tableArns: string[];
  uploadPrefix: string;
  cachePrefix: string;
  environment: Record<string, string>;
  alerts: Alerts;
  /** Override the handler and extraction-worker entries (tests). */
  entry?: string;
  workerEntry?: string;
}

export class Reprocess extends Construct {
  readonly queue: sqs.Queue;
  readonly deadLetterQueue: sqs.Queue;
  readonly function: AppFunction;
  readonly dlqAlarm: cloudwatch.Alarm;

  constructor(scope: Construct, id: string, props: ReprocessProps) {
    super(scope, id);
    const sizing = REPROCESS_SIZING;

    this.deadLetterQueue = new sqs.Queue(this, 'DeadLetterQueue', {
      encryption: sqs.QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      retentionPeriod: Duration.days(14),
    });
    this.queue = new sqs.Queue(this, 'Queue', {
      encryption: sqs.QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      visibilityTimeout: sizing.visibilityTimeout,
      retentionPeriod: Duration.days(4),
      deadLetterQueue: { queue: this.deadLetterQueue, maxReceiveCount: sizing.maxReceiveCount },
    });

    this.function = new AppFunction(this, 'Reprocess', {
      bundle: 'reprocess',
      entry: props.entry,
      extraEntries: props.workerEntry ? { 'extract-worker.mjs': props.workerEntry } : undefined,
      description: 'Reprocessing runs: plans one page of documents per message and re-tags or re-extracts one document per message',
      memorySize: sizing.memoryMb,
      timeout: sizing.functionTimeout,
      serviceName: 'gcm-tagger-reprocess',
      logRetention: logs.RetentionDays.ONE_MONTH,
      environment: {
        ...props.environment,
        GCM_REPROCESS_QUEUE_URL: this.queue.queueUrl,
        GCM_EXTRACT_TIMEOUT_MS: String(sizing.extractTimeoutMs),
        GCM_EXTRACT_WORKER_PATH: `${LAMBDA_TASK_ROOT}/extract-worker.mjs`,
        GCM_MAX_RECEIVE_COUNT: String(sizing.maxReceiveCount),
      },
    });
    this.grantData(props);
    // It feeds its own queue (next page, one message per document).
    this.queue.grantSendMessages(this.function.role);

    this.function.fn.addEventSource(
      new sources.SqsEventSource(this.queue, {
        batchSize: sizing.batchSize,
        reportBatchItemFailures: true,
        maxConcurrency: sizing.maxConcurrency,
      }),
    );

    this.dlqAlarm = new cloudwatch.Alarm(this, 'DeadLetterAlarm', {
      alarmDescription: 'Reprocessing messages reached the dead-letter queue: a run cannot finish until they are redriven (gcm reprocess --resume <run>).',
      metric: this.deadLetterQueue.metricApproximateNumberOfMessagesVisible({ period: Duration.minutes(5), statistic: cloudwatch.Stats.MAXIMUM }),
      threshold: 1,
      evaluationPeriods: 1,
      comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
    });
    props.alerts.notify(this.dlqAlarm);
  }

  /** Same data rights as ingestion: read uploads (re-extraction), read/write the cache, read/write the table. */
  private grantData(props: ReprocessProps): void {
    const role = this.function.role;
    role.addToPrincipalPolicy(
      new iam.PolicyStatement({
        sid: 'ReadUploadedPdfs',
        actions: ['s3:GetObject', 's3:GetObjectVersion'],
        resources: [props.bucket.arnForObjects(`${props.uploadPrefix}*`)],
      }),
    );
    role.addToPrincipalPolicy(
      new iam.PolicyStatement({
        sid: 'ReadWriteExtractionCache',
        actions: ['s3:GetObject', 's3:PutObject'],
        resources: [props.bucket.arnForObjects(`${props.cachePrefix}*`)],
      }),
    );
    role.addToPrincipalPolicy(
      new iam.PolicyStatement({
        // A cache miss must read as 404, not 403.
        sid: 'TellMissingKeysFromDenied',
        actions: ['s3:ListBucket'],
        resources: [props.bucket.bucketArn],
      }),
    );
    role.addToPrincipalPolicy(
      new iam.PolicyStatement({
        sid: 'ReadWriteDocumentTable',
        actions: ['dynamodb:GetItem', 'dynamodb:BatchGetItem', 'dynamodb:Query', 'dynamodb:PutItem', 'dynamodb:UpdateItem', 'dynamodb:DeleteItem', 'dynamodb:BatchWriteItem'],
        resources: props.tableArns,
      }),
    );
    acknowledgeObjectWildcards(role, props.bucket, [
      [props.uploadPrefix, 'a re-extraction reads each document\'s PDF by the key it was uploaded under, chosen by uploaders'],
      [props.cachePrefix, 'the reprocess function reads and writes cache entries keyed by each PDF\'s SHA-256 and the extractor version'],
    ]);
  }
}
