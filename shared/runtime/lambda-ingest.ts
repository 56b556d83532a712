/**
 * Composition root of the ingest function: storage plus extraction and the classifier.
 * Extra environment read here (optional): GCM_MAX_RECEIVE_COUNT (the ingest queue's
 * maxReceiveCount, default 5: on that delivery a failing document is recorded as `failed` instead
 * of retried). With GCM_OCR=textract, scans go to Amazon Textract (GCM_TEXTRACT_TOPIC_ARN,
 * GCM_TEXTRACT_ROLE_ARN; see shared/config.ts), which the reprocess and OCR resume functions share.
 */
import { extractDocument, EXTRACTOR_VERSION, ocrEngineFor, ocrModeFor } from '../core/extract';
import { loadClassifier } from '../core/classify';
import { S3ObjectStore } from '../adapters/s3/object-store';
import { S3ExtractionCache } from '../adapters/s3/extraction-cache';
import { createTextractClient } from '../adapters/textract/client';
import { TextractOcrJobs } from '../adapters/textract/ocr-jobs';
import type { IngestDeps } from '../app/ingest';
import type { OcrJobs } from '../app/ports';
import { lambdaStorage, logger, positiveIntFromEnv } from './lambda';

export interface IngestRuntime {
  ingest: IngestDeps;
  maxReceiveCount: number;
}

let runtime: IngestRuntime | undefined;

export function ingestRuntime(): IngestRuntime {
  if (runtime) return runtime;
  const { config, s3, repo } = lambdaStorage();
  // GCM_OCR=textract (what the stack sets): scanned pages are deferred to Textract jobs.
  const ocrJobs: OcrJobs | undefined = config.textract
    ? new TextractOcrJobs(createTextractClient({ region: config.region, endpoint: config.textract.endpoint }), config.textract)
    : undefined;
  const local = config.ocr === 'textract' ? 'off' : config.ocr;
  const ingest: IngestDeps = {
    objects: new S3ObjectStore(s3),
    cache: new S3ExtractionCache(s3, config.bucket, config.cachePrefix),
    repo,
    extract: (bytes, known, ocrFailure) =>
      extractDocument(bytes, {
        limits: config.limits,
        workerPath: config.extractWorkerPath,
        ocr: ocrJobs ? { kind: 'deferred', engineVersion: ocrJobs.engineVersion, known, failure: ocrFailure } : ocrModeFor(local, known),
      }),
    extractorVersion: EXTRACTOR_VERSION,
    ocrEngine: ocrJobs?.engineVersion ?? ocrEngineFor(local),
    ocrJobs,
    ocrTimeLimitMs: config.ocrTimeLimitMs,
    classifier: loadClassifier(),
    uploadPrefix: config.uploadPrefix,
    maxBytes: config.limits.maxBytes,
    log: (msg, data) => logger.info(msg, data ?? {}),
  };
  runtime = { ingest, maxReceiveCount: positiveIntFromEnv('GCM_MAX_RECEIVE_COUNT', 5) };
  return runtime;
}
