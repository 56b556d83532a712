/**
 * A queue worker as ingestion and reprocessing both deploy it: an SQS queue with a dead-letter
 * queue, one function that consumes it (with the extraction worker bundled alongside), the data
 * rights of the document pipeline, and an alarm on dead-lettered messages.
 *
 * It adds its resources directly to the caller's scope rather than being a construct of its own,
 * so their construct paths, and with them the CloudFormation logical IDs of deployed stacks, stay
 * what they were before the two callers shared it (`<Caller>Queue`, `<Caller>DeadLetterQueue`, …).
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
import type { Construct } from 'constructs';
import { LAMBDA_TASK_ROOT, type FunctionName } from '../bundling/options';
import type { Alerts } from './alerts';
import { AppFunction } from './lambda-function';
import { acknowledgeObjectWildcards } from './nag';

/** Numbers that size a worker; they depend on each other (see each caller's sizing constant). */
export interface QueueWorkerSizing {
  memoryMb: number;
  functionTimeout: Duration;
  /** The extraction worker is stopped this long after it starts, well before the function times out. */
  extractTimeoutMs: number;
  visibilityTimeout: Duration;
  maxReceiveCount: number;
  batchSize: number;
  /** Event-source maxConcurrency: the throttle that protects the table. */
  maxConcurrency: number;
}

const FUNCTION_TIMEOUT = Duration.minutes(3);

/**
 * What every worker that may extract a PDF needs, whatever its queue carries: both run the same
 * extraction code on the same PDFs, so memory, timeouts and retries are the same.
 */
export const EXTRACTION_WORKER_SIZING = {
  /** Parsing a large PDF is CPU-bound; memory also buys CPU (1 vCPU at 1769 MB). */
  memoryMb: 2048,
  functionTimeout: FUNCTION_TIMEOUT,
  /** The extraction worker is stopped well before the function times out, leaving time to record the failure. */
  extractTimeoutMs: 120_000,
  /** AWS guidance: at least six times the function timeout, so a message is not redelivered mid-run. */
  visibilityTimeout: Duration.seconds(6 * FUNCTION_TIMEOUT.toSeconds()),
  maxReceiveCount: 5,
} as const;

/** What the stack hands each worker construct (ingest, reprocess). */
export interface PipelineWorkerProps {
  bucket: s3.IBucket;
  /** ARNs of the table and of each of its indexes (see Table.dataArns). */
  tableArns: string[];
  uploadPrefix: string;
  cachePrefix: string;
  /** Environment shared by every function (bucket, table, prefixes). */
  environment: Record<string, string>;
  alerts: Alerts;
  /** Override the handler and extraction-worker entries (tests). */
  entry?: string;
  workerEntry?: string;
}

export interface QueueWorkerProps extends PipelineWorkerProps {
  /** Construct id of the function (also the prefix of its resources' logical IDs). */
  functionId: string;
  bundle: FunctionName;
  description: string;
  serviceName: string;
  sizing: QueueWorkerSizing;
  /** When set, the function also sends to its own queue and finds its URL in this variable. */
  ownQueueUrlVariable?: string;
  /** cdk-nag acknowledgement reasons for the `<prefix>*` object grants: why each cannot be narrower. */
  wildcardReasons: { uploads: string; cache: string };
  deadLetterAlarmDescription: string;
  /** Called once the queue exists and before the function is built (e.g. to subscribe the queue to S3 events). */
  onQueue?: (queue: sqs.Queue) => void;
}

export interface QueueWorker {
  queue: sqs.Queue;
  deadLetterQueue: sqs.Queue;
  function: AppFunction;
  dlqAlarm: cloudwatch.Alarm;
}

export function addQueueWorker(scope: Construct, props: QueueWorkerProps): QueueWorker {
  const { sizing } = props;

  const deadLetterQueue = new sqs.Queue(scope, 'DeadLetterQueue', {
    encryption: sqs.QueueEncryption.SQS_MANAGED,
    enforceSSL: true,
    retentionPeriod: Duration.days(14),
  });
  const queue = new sqs.Queue(scope, 'Queue', {
    // SSE-SQS rather than a customer key: S3 can publish to it without a key policy.
    encryption: sqs.QueueEncryption.SQS_MANAGED,
    enforceSSL: true,
    visibilityTimeout: sizing.visibilityTimeout,
    retentionPeriod: Duration.days(4),
    deadLetterQueue: { queue: deadLetterQueue, maxReceiveCount: sizing.maxReceiveCount },
  });
  props.onQueue?.(queue);

  const fn = new AppFunction(scope, props.functionId, {
    bundle: props.bundle,
    entry: props.entry,
    extraEntries: props.workerEntry ? { 'extract-worker.mjs': props.workerEntry } : undefined,
    description: props.description,
    memorySize: sizing.memoryMb,
    timeout: sizing.functionTimeout,
    serviceName: props.serviceName,
    logRetention: logs.RetentionDays.ONE_MONTH,
    environment: {
      ...props.environment,
      ...(props.ownQueueUrlVariable ? { [props.ownQueueUrlVariable]: queue.queueUrl } : {}),
      GCM_EXTRACT_TIMEOUT_MS: String(sizing.extractTimeoutMs),
      GCM_EXTRACT_WORKER_PATH: `${LAMBDA_TASK_ROOT}/extract-worker.mjs`,
      // The handler records a failure (instead of retrying) on the delivery that would dead-letter it.
      GCM_MAX_RECEIVE_COUNT: String(sizing.maxReceiveCount),
    },
  });
  grantDocumentData(fn.role, props);
  if (props.ownQueueUrlVariable) queue.grantSendMessages(fn.role);

  fn.fn.addEventSource(
    new sources.SqsEventSource(queue, {
      batchSize: sizing.batchSize,
      reportBatchItemFailures: true,
      maxConcurrency: sizing.maxConcurrency,
    }),
  );

  const dlqAlarm = props.alerts.alarmAtOrAbove(scope, 'DeadLetterAlarm', {
    description: props.deadLetterAlarmDescription,
    metric: deadLetterQueue.metricApproximateNumberOfMessagesVisible({ period: Duration.minutes(5), statistic: cloudwatch.Stats.MAXIMUM }),
    threshold: 1,
    evaluationPeriods: 1,
  });

  return { queue, deadLetterQueue, function: fn, dlqAlarm };
}

/** Read uploads, read/write the extraction cache, read/write the table: nothing else. */
function grantDocumentData(role: iam.Role, data: QueueWorkerProps): void {
  role.addToPrincipalPolicy(
    new iam.PolicyStatement({
      // Events from the versioned bucket name the exact version; reading it needs GetObjectVersion.
      sid: 'ReadUploadedPdfs',
      actions: ['s3:GetObject', 's3:GetObjectVersion'],
      resources: [data.bucket.arnForObjects(`${data.uploadPrefix}*`)],
    }),
  );
  role.addToPrincipalPolicy(
    new iam.PolicyStatement({
      sid: 'ReadWriteExtractionCache',
      actions: ['s3:GetObject', 's3:PutObject'],
      resources: [data.bucket.arnForObjects(`${data.cachePrefix}*`)],
    }),
  );
  role.addToPrincipalPolicy(
    new iam.PolicyStatement({
      // Without it S3 answers 403 instead of 404 for a key that does not exist (a cache miss, a
      // PDF deleted before its message was processed), and the two cannot be told apart.
      sid: 'TellMissingKeysFromDenied',
      actions: ['s3:ListBucket'],
      resources: [data.bucket.bucketArn],
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
      resources: data.tableArns,
    }),
  );
  acknowledgeObjectWildcards(role, data.bucket, [
    [data.uploadPrefix, data.wildcardReasons.uploads],
    [data.cachePrefix, data.wildcardReasons.cache],
  ]);
}
