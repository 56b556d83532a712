/** The whole deployment: storage, table, ingest path and query API, wired by configuration. */
import { Aws, CfnOutput, Stack, aws_s3 as s3, type Duration, type StackProps } from 'aws-cdk-lib';
import type { Construct } from 'constructs';
import { Alerts } from './constructs/alerts';
import { Api } from './constructs/api';
import { INGEST_SIZING, Ingest } from './constructs/ingest';
import { acknowledgeCdkInternals } from './constructs/cdk-internals';
import { Reprocess } from './constructs/reprocess';
import { Storage } from './constructs/storage';
import { Table, dataArns } from './constructs/table';
import { TextractOcr } from './constructs/textract-ocr';

export const UPLOAD_PREFIX = 'uploads/';
export const CACHE_PREFIX = 'cache/';

export interface GcmTaggerStackProps extends StackProps {
  /** Handler entries to bundle instead of `functions/<name>/handler.ts` (tests). */
  entries?: { ingest?: string; ingestWorker?: string; api?: string; reprocess?: string; ocrResume?: string };
  /** E-mail address subscribed to the alarm topic. */
  alarmEmail?: string;
  /** How long a document may wait for its Textract job before it is recorded failed (default 60 minutes). */
  ocrTimeLimit?: Duration;
  /** Prefix of the sign-in domain `<prefix>.auth.<region>.amazoncognito.com` (default `gcm-tagger-<account>`). */
  signInDomainPrefix?: string;
}

export class GcmTaggerStack extends Stack {
  readonly storage: Storage;
  readonly table: Table;
  readonly ingest: Ingest;
  readonly api: Api;
  readonly reprocess: Reprocess;
  readonly textract: TextractOcr;
  readonly alerts: Alerts;

  constructor(scope: Construct, id: string, props: GcmTaggerStackProps = {}) {
    super(scope, id, props);

    this.alerts = new Alerts(this, 'Alerts', { email: props.alarmEmail });
    this.storage = new Storage(this, 'Storage', { uploadPrefix: UPLOAD_PREFIX, cachePrefix: CACHE_PREFIX });
    this.table = new Table(this, 'Documents');
    const tableArns = dataArns(this.table);

    // Both runtimes read these through shared/config.ts; the local runtime sets the same names.
    const environment = {
      GCM_BUCKET: this.storage.bucket.bucketName,
      GCM_TABLE: this.table.table.tableName,
      GCM_UPLOAD_PREFIX: UPLOAD_PREFIX,
      GCM_CACHE_PREFIX: CACHE_PREFIX,
      // The API signs uploads up to the size that ingestion accepts.
      GCM_MAX_PDF_BYTES: String(INGEST_SIZING.maxPdfBytes),
      GCM_MAX_PAGES: String(INGEST_SIZING.maxPages),
    };

    // Scanned pages go to Textract; its completions resume the documents.
    this.textract = new TextractOcr(this, 'Textract', {
      bucket: this.storage.bucket,
      tableArns,
      uploadPrefix: UPLOAD_PREFIX,
      cachePrefix: CACHE_PREFIX,
      environment,
      alerts: this.alerts,
      entry: props.entries?.ocrResume,
      workerEntry: props.entries?.ingestWorker,
      timeLimit: props.ocrTimeLimit,
    });
    // Both functions that extract may meet scans and start Textract jobs.
    const extracting = { ...environment, ...this.textract.environment };

    this.ingest = new Ingest(this, 'Ingest', {
      bucket: this.storage.bucket,
      tableArns,
      uploadPrefix: UPLOAD_PREFIX,
      cachePrefix: CACHE_PREFIX,
      environment: extracting,
      entry: props.entries?.ingest,
      workerEntry: props.entries?.ingestWorker,
      alerts: this.alerts,
    });

    this.api = new Api(this, 'Api', {
      bucket: this.storage.bucket,
      tableArns,
      uploadPrefix: UPLOAD_PREFIX,
      cachePrefix: CACHE_PREFIX,
      environment,
      alerts: this.alerts,
      entry: props.entries?.api,
      signInDomainPrefix: props.signInDomainPrefix ?? `gcm-tagger-${Aws.ACCOUNT_ID}`,
    });
    // The page sends uploads straight to the bucket from its own origin (presigned POSTs).
    this.storage.bucket.addCorsRule({
      allowedMethods: [s3.HttpMethods.POST],
      allowedOrigins: [this.api.url],
      allowedHeaders: ['*'],
      maxAge: 600,
    });

    this.reprocess = new Reprocess(this, 'Reprocess', {
      bucket: this.storage.bucket,
      tableArns,
      uploadPrefix: UPLOAD_PREFIX,
      cachePrefix: CACHE_PREFIX,
      environment: extracting,
      alerts: this.alerts,
      entry: props.entries?.reprocess,
      workerEntry: props.entries?.ingestWorker,
    });
    this.textract.grantStartJobs(this.ingest.function.role, 'starts them on the scanned uploads it ingests');
    this.textract.grantStartJobs(this.reprocess.function.role, 'starts them on scanned documents a run re-extracts');

    acknowledgeCdkInternals(this);

    new CfnOutput(this, 'ApiUrl', { value: this.api.url, description: 'Base URL of the query API (SigV4) and of the web page (open it in a browser)' });
    new CfnOutput(this, 'UserPoolId', { value: this.api.webAuth.userPool.userPoolId, description: 'Cognito user pool of the web page: create users and add reviewers here' });
    new CfnOutput(this, 'SignInUrl', { value: this.api.webAuth.domainUrl, description: 'Cognito hosted UI domain' });
    new CfnOutput(this, 'BucketName', { value: this.storage.bucket.bucketName, description: `Upload PDFs under s3://<bucket>/${UPLOAD_PREFIX}` });
    new CfnOutput(this, 'TableName', { value: this.table.table.tableName });
    new CfnOutput(this, 'IngestQueueUrl', { value: this.ingest.queue.queueUrl });
    new CfnOutput(this, 'DeadLetterQueueArn', { value: this.ingest.deadLetterQueue.queueArn, description: 'Source of a redrive (README: Redrive)' });
    new CfnOutput(this, 'ReprocessQueueUrl', { value: this.reprocess.queue.queueUrl, description: 'GCM_REPROCESS_QUEUE_URL for `gcm reprocess` on AWS' });
    new CfnOutput(this, 'OcrDeadLetterQueueArn', { value: this.textract.deadLetterQueue.queueArn, description: 'Textract completions that kept failing (README: Redrive)' });
    new CfnOutput(this, 'AlarmTopicArn', { value: this.alerts.topic.topicArn });
  }
}
