/**
 * Composition root of the ingest function: storage plus extraction and the classifier.
 * Extra environment read here (optional): GCM_MAX_RECEIVE_COUNT (the ingest queue's
 * maxReceiveCount, default 5: on that delivery a failing document is recorded as `failed` instead
 * of retried).
 */
import { extractDocument, EXTRACTOR_VERSION, ocrEngineFor, ocrModeFor } from '../core/extract';
import { loadClassifier } from '../core/classify';
import { S3ObjectStore } from '../adapters/s3/object-store';
import { S3ExtractionCache } from '../adapters/s3/extraction-cache';
import type { IngestDeps } from '../app/ingest';
import { lambdaStorage, logger, positiveIntFromEnv } from './lambda';

export interface IngestRuntime {
  ingest: IngestDeps;
  maxReceiveCount: number;
}

let runtime: IngestRuntime | undefined;

export function ingestRuntime(): IngestRuntime {
  if (runtime) return runtime;
  const { config, s3, repo } = lambdaStorage();
  const ingest: IngestDeps = {
    objects: new S3ObjectStore(s3),
    cache: new S3ExtractionCache(s3, config.bucket, config.cachePrefix),
    repo,
    extract: (bytes, known) =>
      extractDocument(bytes, { limits: config.limits, workerPath: config.extractWorkerPath, ocr: ocrModeFor(config.ocr, known) }),
    extractorVersion: EXTRACTOR_VERSION,
    ocrEngine: ocrEngineFor(config.ocr),
    classifier: loadClassifier(),
    uploadPrefix: config.uploadPrefix,
    maxBytes: config.limits.maxBytes,
    log: (msg, data) => logger.info(msg, data ?? {}),
  };
  runtime = { ingest, maxReceiveCount: positiveIntFromEnv('GCM_MAX_RECEIVE_COUNT', 5) };
  return runtime;
}
