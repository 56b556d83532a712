/**
 * S3 → SQS → ingest Lambda. S3 event notifications are delivered at least once and Lambda's own
 * retries of asynchronous events are few and opaque, so events land in a queue first: messages
 * that keep failing move to a dead-letter queue, an alarm fires, and an operator redrives them.
 */
import {
  Duration,
  aws_cloudwatch as cloudwatch,
  aws_iam as iam,
  aws_lambda_event_sources as sources,
  aws_logs as logs,
  aws_s3 as s3,
  aws_s3_notifications as s3n,
  aws_sqs as sqs,
} from 'aws-cdk-lib';
import { Construct } from 'constructs';
import { LAMBDA_TASK_ROOT } from '../bundling/options';
import type { Alerts } from './alerts';
import { AppFunction } from './lambda-function';
import { acknowledgeObjectWildcards } from './nag';

const FUNCTION_TIMEOUT = Duration.minutes(3);

/** Sizing of the ingest path, in one place because the numbers depend on each other. */
export const INGEST_SIZING = {
  /** Parsing a large PDF is CPU-bound; memory also buys CPU (1 vCPU at 1769 MB). */
  memoryMb: 2048,
  functionTimeout: FUNCTION_TIMEOUT,
  /** The extraction worker is stopped well before the function times out, leaving time to record the failure. */
  extractTimeoutMs: 120_000,
  /** AWS guidance: at least six times the function timeout, so a message is not redelivered mid-run. */
  visibilityTimeout: Duration.seconds(6 * FUNCTION_TIMEOUT.toSeconds()),
  maxReceiveCount: 5,
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

export interface IngestProps {
  bucket: s3.IBucket;
  /** ARNs of the table and of each of its indexes (see Table.dataArns). */
  tableArns: string[];
  uploadPrefix: string;
  cachePrefix: string;
  /** Environment shared by every function (bucket, table, prefixes). */
  environment: Record<string, string>;
  /** Override the handler and extraction-worker entries (tests). */
  entry?: string;
  workerEntry?: string;
  alerts: Alerts;
}

export class Ingest extends Construct {
  readonly queue: sqs.Queue;
  readonly deadLetterQueue: sqs.Queue;
  readonly function: AppFunction;
  readonly dlqAlarm: cloudwatch.Alarm;
  readonly backlogAlarm: cloudwatch.Alarm;

  constructor(scope: Construct, id: string, props: IngestProps) {
    super(scope, id);
    const sizing = INGEST_SIZING;

    this.deadLetterQueue = new sqs.Queue(this, 'DeadLetterQueue', {
      encryption: sqs.QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      retentionPeriod: Duration.days(14),
    });
    this.queue = new sqs.Queue(this, 'Queue', {
      // SSE-SQS rather than a customer key: S3 can publish to it without a key policy.
      encryption: sqs.QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      visibilityTimeout: sizing.visibilityTimeout,
      retentionPeriod: Duration.days(4),
      deadLetterQueue: { queue: this.deadLetterQueue, maxReceiveCount: sizing.maxReceiveCount },
    });

    // Keys are case-sensitive and S3 filters match exactly: both spellings of the extension count.
    for (const suffix of ['.pdf', '.PDF']) {
      props.bucket.addEventNotification(s3.EventType.OBJECT_CREATED, new s3n.SqsDestination(this.queue), {
        prefix: props.uploadPrefix,
        suffix,
      });
    }

    this.function = new AppFunction(this, 'Ingest', {
      bundle: 'ingest',
      entry: props.entry,
      extraEntries: props.workerEntry ? { 'extract-worker.mjs': props.workerEntry } : undefined,
      description: 'Extracts, classifies and stores each PDF uploaded under the upload prefix',
      memorySize: sizing.memoryMb,
      timeout: sizing.functionTimeout,
      serviceName: 'gcm-tagger-ingest',
      logRetention: logs.RetentionDays.ONE_MONTH,
      environment: {
        ...props.environment,
        GCM_EXTRACT_TIMEOUT_MS: String(sizing.extractTimeoutMs),
        GCM_EXTRACT_WORKER_PATH: `${LAMBDA_TASK_ROOT}/extract-worker.mjs`,
        // The handler records a failure (instead of retrying) on the delivery that would dead-letter it.
        GCM_MAX_RECEIVE_COUNT: String(sizing.maxReceiveCount),
      },
    });
    this.grantData(props);

    this.function.fn.addEventSource(
      new sources.SqsEventSource(this.queue, {
        batchSize: sizing.batchSize,
        reportBatchItemFailures: true,
        maxConcurrency: sizing.maxConcurrency,
      }),
    );

    this.dlqAlarm = new cloudwatch.Alarm(this, 'DeadLetterAlarm', {
      alarmDescription: 'PDF ingestion messages reached the dead-letter queue; see the README section on redrive.',
      metric: this.deadLetterQueue.metricApproximateNumberOfMessagesVisible({
        period: Duration.minutes(5),
        statistic: cloudwatch.Stats.MAXIMUM,
      }),
      threshold: 1,
      evaluationPeriods: 1,
      comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
    });
    props.alerts.notify(this.dlqAlarm);

    // Messages waiting too long mean ingestion has stalled (every invocation failing or throttled)
    // even before anything is dead-lettered.
    this.backlogAlarm = new cloudwatch.Alarm(this, 'BacklogAlarm', {
      alarmDescription: 'The oldest PDF upload event has waited over an hour: ingestion is stalled or far behind.',
      metric: this.queue.metricApproximateAgeOfOldestMessage({ period: Duration.minutes(5), statistic: cloudwatch.Stats.MAXIMUM }),
      threshold: 3600,
      evaluationPeriods: 3,
      comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
    });
    props.alerts.notify(this.backlogAlarm);
  }

  /** Read uploads, read/write the extraction cache, read/write the table: nothing else. */
  private grantData(props: IngestProps): void {
    const role = this.function.role;
    role.addToPrincipalPolicy(
      new iam.PolicyStatement({
        // Events from the versioned bucket name the exact version; reading it needs GetObjectVersion.
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
        // Without it S3 answers 403 instead of 404 for a key that does not exist (a cache miss, a
        // PDF deleted before its message was processed), and the two cannot be told apart.
        sid: 'TellMissingKeysFromDenied',
        actions: ['s3:ListBucket'],
        resources: [props.bucket.bucketArn],
      }),
    );
    role.addToPrincipalPolicy(
      new iam.PolicyStatement({
        sid: 'ReadWriteDocumentTable',
        actions: [
          'dynamodb:GetItem',
          'dynamodb:BatchGetItem',
          'dynamodb:Query',
          'dynamodb:PutItem',
          'dynamodb:UpdateItem',
          'dynamodb:DeleteItem',
          'dynamodb:BatchWriteItem',
        ],
        resources: props.tableArns,
      }),
    );
    acknowledgeObjectWildcards(role, props.bucket, [
      [props.uploadPrefix, 'uploaded PDFs are read by key, and keys under the upload prefix are chosen by uploaders'],
      [props.cachePrefix, 'cache keys are derived from each PDF\'s SHA-256 and extractor version, unknown in advance'],
    ]);
  }
}
