/**
 * Composition root of the OCR resume function: the ingest wiring (which, with GCM_OCR=textract,
 * holds the Textract jobs adapter) as the resume path needs it. Built once per container.
 * Environment: as ingest, plus GCM_MAX_RECEIVE_COUNT of the completion queue and GCM_OCR_TIME_LIMIT_MINUTES.
 */
import type { OcrResumeDeps } from '../app/ocr/resume';
import { ingestRuntime } from './lambda-ingest';

export interface OcrResumeRuntime {
  resume: OcrResumeDeps;
  maxReceiveCount: number;
}

let runtime: OcrResumeRuntime | undefined;

export function ocrResumeRuntime(): OcrResumeRuntime {
  if (runtime) return runtime;
  const { ingest, maxReceiveCount } = ingestRuntime();
  if (!ingest.ocrJobs) throw new Error('Invalid configuration: the OCR resume function needs GCM_OCR=textract');
  runtime = { resume: { ...ingest, ocrJobs: ingest.ocrJobs }, maxReceiveCount };
  return runtime;
}
