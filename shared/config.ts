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
   * How scanned pages are read: `tesseract` (in the extraction worker; the local default) or `off`
   * (they end `needs-ocr`). The Lambda functions carry no OCR engine, so `off` is their default.
   */
  GCM_OCR: z.enum(['tesseract', 'off']).default('off'),
  AWS_REGION: z.string().default('us-east-1'),
  /** Set only locally: endpoints of the S3 and DynamoDB emulators. */
  GCM_S3_ENDPOINT: z.string().url().optional(),
  GCM_DYNAMODB_ENDPOINT: z.string().url().optional(),
});

export interface AppConfig {
  bucket: string;
  table: string;
  uploadPrefix: string;
  cachePrefix: string;
  ingestQueueUrl?: string;
  limits: { maxBytes: number; maxPages: number; timeoutMs: number };
  extractWorkerPath?: string;
  ocr: 'tesseract' | 'off';
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
    region: e.AWS_REGION,
    s3Endpoint: e.GCM_S3_ENDPOINT,
    dynamodbEndpoint: e.GCM_DYNAMODB_ENDPOINT,
  };
}
