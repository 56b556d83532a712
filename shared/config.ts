import { z } from 'zod';

/**
 * Runtime configuration, read from the environment by each composition root (Lambda, local).
 * The CDK stack sets the same variables on the functions that the local runtime sets for itself.
 */
const EnvSchema = z.object({
  GCM_BUCKET: z.string().min(3),
  GCM_TABLE: z.string().min(3),
  GCM_UPLOAD_PREFIX: z.string().default('uploads/'),
  GCM_CACHE_PREFIX: z.string().default('cache/'),
  GCM_INGEST_QUEUE_URL: z.string().optional(),
  GCM_MAX_PDF_BYTES: z.coerce.number().int().positive().default(50 * 1024 * 1024),
  GCM_MAX_PAGES: z.coerce.number().int().positive().default(500),
  GCM_EXTRACT_TIMEOUT_MS: z.coerce.number().int().positive().default(120_000),
  /** Path of the bundled extraction worker script, when it is not beside the extract module (Lambda bundle). */
  GCM_EXTRACT_WORKER_PATH: z.string().optional(),
  /**
   * How scanned pages are read: `tesseract` (in the extraction worker; the local default),
   * `textract` (Amazon Textract jobs, completion through SNS and SQS: what the stack sets), or
   * `off` (they end `needs-ocr`). The Lambda bundles carry no tesseract, so `off` is the default.
   */
  GCM_OCR: z.enum(['tesseract', 'textract', 'off']).default('off'),
  /** With `textract`: the topic Textract announces finished jobs on, and the role it publishes with. */
  GCM_TEXTRACT_TOPIC_ARN: z.string().startsWith('arn:').optional(),
  GCM_TEXTRACT_ROLE_ARN: z.string().startsWith('arn:').optional(),
  /** How long a document may stay `ocr-pending` before it is recorded failed. */
  GCM_OCR_TIME_LIMIT_MINUTES: z.coerce.number().int().positive().default(60),
  AWS_REGION: z.string().default('us-east-1'),
  /** Set only locally: endpoints of the S3 and DynamoDB emulators. */
  GCM_S3_ENDPOINT: z.string().url().optional(),
  GCM_DYNAMODB_ENDPOINT: z.string().url().optional(),
  /** Set only in tests: a stand-in for the Textract endpoint. */
  GCM_TEXTRACT_ENDPOINT: z.string().url().optional(),
}).refine((e) => e.GCM_OCR !== 'textract' || (e.GCM_TEXTRACT_TOPIC_ARN && e.GCM_TEXTRACT_ROLE_ARN), {
  message: 'GCM_OCR=textract needs GCM_TEXTRACT_TOPIC_ARN and GCM_TEXTRACT_ROLE_ARN',
  path: ['GCM_OCR'],
});

export interface AppConfig {
  bucket: string;
  table: string;
  uploadPrefix: string;
  cachePrefix: string;
  ingestQueueUrl?: string;
  limits: { maxBytes: number; maxPages: number; timeoutMs: number };
  extractWorkerPath?: string;
  ocr: 'tesseract' | 'textract' | 'off';
  /** Present with `ocr: 'textract'`. */
  textract?: { topicArn: string; roleArn: string; endpoint?: string };
  ocrTimeLimitMs: number;
  region: string;
  s3Endpoint?: string;
  dynamodbEndpoint?: string;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  const parsed = EnvSchema.safeParse(env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
    throw new Error(`Invalid configuration: ${problems}`);
  }
  const e = parsed.data;
  return {
    bucket: e.GCM_BUCKET,
    table: e.GCM_TABLE,
    uploadPrefix: e.GCM_UPLOAD_PREFIX,
    cachePrefix: e.GCM_CACHE_PREFIX,
    ingestQueueUrl: e.GCM_INGEST_QUEUE_URL,
    limits: { maxBytes: e.GCM_MAX_PDF_BYTES, maxPages: e.GCM_MAX_PAGES, timeoutMs: e.GCM_EXTRACT_TIMEOUT_MS },
    extractWorkerPath: e.GCM_EXTRACT_WORKER_PATH,
    ocr: e.GCM_OCR,
    ...(e.GCM_OCR === 'textract'
      ? { textract: { topicArn: e.GCM_TEXTRACT_TOPIC_ARN!, roleArn: e.GCM_TEXTRACT_ROLE_ARN!, endpoint: e.GCM_TEXTRACT_ENDPOINT } }
      : {}),
    ocrTimeLimitMs: e.GCM_OCR_TIME_LIMIT_MINUTES * 60_000,
    region: e.AWS_REGION,
    s3Endpoint: e.GCM_S3_ENDPOINT,
    dynamodbEndpoint: e.GCM_DYNAMODB_ENDPOINT,
  };
}

/** How long finished runs and their work items are kept, from GCM_RUN_RETENTION_DAYS. */
export function runRetentionMs(env: NodeJS.ProcessEnv = process.env): number {
  const raw = env.GCM_RUN_RETENTION_DAYS;
  const days = raw === undefined || raw === '' ? 90 : Number(raw);
  if (!Number.isInteger(days) || days < 1) throw new Error('Invalid configuration: GCM_RUN_RETENTION_DAYS must be a positive integer');
  return days * 86_400_000;
}
