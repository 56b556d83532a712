/**
 * Amazon Textract for scanned pages. A function that finds scans (ingest, reprocess) starts an
 * asynchronous text detection job on the uploaded object; Textract announces the job's end on an
 * SNS topic, through a role it assumes that may publish there and nowhere else; the topic delivers
 * to a queue (with a dead-letter queue) consumed by the resume function, which reads the result
 * and finishes the document. A schedule lets the same function record documents that waited past
 * the time limit as failed.
 *
 * Textract reads the object with the rights of the caller that started the job: the starting
 * functions' read access to the upload prefix is what it uses; Textract's own role has no S3 rights.
 */
import {
  Duration,
  Stack,
  Validations,
  aws_events as events,
  aws_events_targets as targets,
  aws_iam as iam,
  aws_sns as sns,
  aws_sns_subscriptions as subscriptions,
  type aws_cloudwatch as cloudwatch,
  type aws_sqs as sqs,
} from 'aws-cdk-lib';
import { Construct } from 'constructs';
import { TIME_LIMIT_EVENT } from '../../shared/app/ocr/time-limit';
import type { AppFunction } from './lambda-function';
import { EXTRACTION_WORKER_SIZING, addQueueWorker, type PipelineWorkerProps } from './queue-worker';

export const OCR_RESUME_SIZING = {
  /** Resuming extracts the PDF again, with the pages Textract read: the same code as ingestion. */
  ...EXTRACTION_WORKER_SIZING,
  /** One completion per invocation: each may re-extract a PDF. */
  batchSize: 1,
  /** Scans come in bursts (a folder of old letters); five at once leaves the table to uploads and queries. */
  maxConcurrency: 5,
} as const;

export const DEFAULT_OCR_TIME_LIMIT = Duration.minutes(60);


export interface TextractOcrProps extends PipelineWorkerProps {
  /** How long a document may stay `ocr-pending`. */
  timeLimit?: Duration;
}

export class TextractOcr extends Construct {
  readonly topic: sns.Topic;
  /** The role Textract assumes to publish a job's completion. */
  readonly publishRole: iam.Role;
  readonly queue: sqs.Queue;
  readonly deadLetterQueue: sqs.Queue;
  readonly function: AppFunction;
  readonly dlqAlarm: cloudwatch.Alarm;
  readonly timeLimitSchedule: events.Rule;
  /** What a function that starts jobs needs to know (see shared/config.ts). */
  readonly environment: Record<string, string>;

  constructor(scope: Construct, id: string, props: TextractOcrProps) {
    super(scope, id);
    const stack = Stack.of(this);
    const timeLimit = props.timeLimit ?? DEFAULT_OCR_TIME_LIMIT;

    // Not KMS-encrypted, like the alarm topic: it carries job ids, document ids and object keys, no document content.
    this.topic = new sns.Topic(this, 'CompletionTopic', { enforceSSL: true, displayName: 'gcm-tagger Textract job completions' });
    this.publishRole = new iam.Role(this, 'PublishRole', {
      // Only Textract, and only on behalf of this account (no confused deputy).
      assumedBy: new iam.ServicePrincipal('textract.amazonaws.com', {
        conditions: {
          StringEquals: { 'aws:SourceAccount': stack.account },
          ArnLike: { 'aws:SourceArn': `arn:${stack.partition}:textract:${stack.region}:${stack.account}:*` },
        },
      }),
      description: 'Amazon Textract publishes text detection completions to the gcm-tagger topic with this role, and may do nothing else',
    });
    this.topic.grantPublish(this.publishRole);

    this.environment = {
      GCM_OCR: 'textract',
      GCM_TEXTRACT_TOPIC_ARN: this.topic.topicArn,
      GCM_TEXTRACT_ROLE_ARN: this.publishRole.roleArn,
      GCM_OCR_TIME_LIMIT_MINUTES: String(timeLimit.toMinutes()),
    };

    const worker = addQueueWorker(this, {
      ...props,
      environment: { ...props.environment, ...this.environment },
      functionId: 'Resume',
      bundle: 'ocr-resume',
      description: 'Resumes documents whose scanned pages Amazon Textract has read; records those past the OCR time limit as failed',
      serviceName: 'gcm-tagger-ocr-resume',
      sizing: OCR_RESUME_SIZING,
      wildcardReasons: {
        uploads: 'a resumed document is extracted again from its PDF, read by the key it was uploaded under, chosen by uploaders',
        cache: 'the resume function caches what Textract read and the extraction under keys derived from each PDF\'s SHA-256, unknown in advance',
      },
      deadLetterAlarmDescription:
        'Textract completions reached the dead-letter queue: their documents stay ocr-pending until redriven or recorded failed by the time limit.',
      // Raw delivery: the queue receives Textract's message itself rather than SNS's envelope around it.
      onQueue: (queue) => this.topic.addSubscription(new subscriptions.SqsSubscription(queue, { rawMessageDelivery: true })),
    });
    this.queue = worker.queue;
    this.deadLetterQueue = worker.deadLetterQueue;
    this.function = worker.function;
    this.dlqAlarm = worker.dlqAlarm;

    worker.function.role.addToPrincipalPolicy(
      new iam.PolicyStatement({ sid: 'ReadTextDetectionResults', actions: ['textract:GetDocumentTextDetection'], resources: ['*'] }),
    );
    acknowledgeTextractResource(worker.function.role, 'GetDocumentTextDetection', 'reads the results of the jobs whose completions it receives');

    // A document is recorded failed between the limit and the limit plus one check interval.
    const every = Duration.minutes(Math.max(1, Math.min(15, Math.floor(timeLimit.toMinutes() / 4))));
    this.timeLimitSchedule = new events.Rule(this, 'TimeLimitSchedule', {
      description: `Records documents waiting for Textract longer than ${timeLimit.toMinutes()} minutes as failed`,
      schedule: events.Schedule.rate(every),
      targets: [new targets.LambdaFunction(worker.function.fn, { event: events.RuleTargetInput.fromObject(TIME_LIMIT_EVENT), retryAttempts: 2 })],
    });
  }

  /**
   * Lets a function start text detection jobs announced through this construct's topic: the start
   * action, and passing the publish role to Textract (to nothing else). Textract then reads the
   * object with that function's own S3 rights (the upload prefix). `why` (what the function starts
   * jobs on) goes into the cdk-nag acknowledgement.
   */
  grantStartJobs(role: iam.Role, why: string): void {
    role.addToPrincipalPolicy(
      new iam.PolicyStatement({ sid: 'StartTextDetection', actions: ['textract:StartDocumentTextDetection'], resources: ['*'] }),
    );
    role.addToPrincipalPolicy(
      new iam.PolicyStatement({
        sid: 'LetTextractPublishCompletions',
        actions: ['iam:PassRole'],
        resources: [this.publishRole.roleArn],
        conditions: { StringEquals: { 'iam:PassedToService': 'textract.amazonaws.com' } },
      }),
    );
    acknowledgeTextractResource(role, 'StartDocumentTextDetection', why);
  }
}

/** Textract's text detection actions have no resource-level permissions: `*` is their only resource. */
function acknowledgeTextractResource(role: iam.Role, action: string, why: string): void {
  Validations.of(role).acknowledge({
    id: 'AwsSolutions-IAM5[Resource::*]',
    reason: `textract:${action} supports no resource-level permissions, so its resource is *; the statement names that one action, and this role ${why}.`,
  });
}
