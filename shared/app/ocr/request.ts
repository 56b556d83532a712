/**
 * Starting an external OCR job for a document whose extraction deferred its scanned pages
 * (`ocr-required`), and recording it on the document: status `ocr-pending` until the job's
 * completion resumes it (./resume.ts) or the time limit records it failed (./time-limit.ts).
 *
 * Deliveries of the same upload start one job: a job recorded on the document is reused while it
 * can still finish, and the request token is derived from the document, the engine and the attempt,
 * so two deliveries racing to start the first job get the same job from the engine.
 */
import { createHash } from 'node:crypto';
import type { DocumentRepository, ExtractionFacts, OcrJobs } from '../ports';
import type { DocumentRecord, OcrJob } from '../types';

/** How long a document may wait for its OCR job before it is recorded failed. */
export const DEFAULT_OCR_TIME_LIMIT_MS = 60 * 60_000;

export interface OcrRequestDeps {
  repo: DocumentRepository;
  ocrJobs?: OcrJobs;
  ocrTimeLimitMs?: number;
  now?: () => Date;
  log?: (msg: string, data?: Record<string, unknown>) => void;
}

export interface DeferredPages {
  pages: number[];
  /** The extraction's own words for it ("pages 2, 3 are scans and wait for OCR"). */
  reason: string;
  facts: ExtractionFacts;
}

export type OcrRequestOutcome =
  | { outcome: 'ocr-pending'; documentId: string; jobId: string; pages: number[] }
  | { outcome: 'unchanged'; documentId: string; version: string }
  | { outcome: 'needs-ocr'; documentId: string; reason: string };

export async function requestOcr(
  deps: OcrRequestDeps,
  doc: DocumentRecord,
  object: { bucket: string; key: string; versionId?: string },
  deferred: DeferredPages,
): Promise<OcrRequestOutcome> {
  const jobs = deps.ocrJobs;
  if (!jobs) throw new Error('the extraction left scanned pages to an external OCR engine, but none is configured');
  const now = deps.now?.() ?? new Date();
  const limitMs = deps.ocrTimeLimitMs ?? DEFAULT_OCR_TIME_LIMIT_MS;
  let job = reusableJob(doc, jobs.engineVersion, deferred.pages, now, limitMs);
  if (!job) {
    const attempt = (doc.ocrJob?.engine === jobs.engineVersion ? doc.ocrJob.attempt : 0) + 1;
    const jobId = await jobs.start({
      bucket: object.bucket,
      key: object.key,
      versionId: object.versionId,
      documentId: doc.documentId,
      token: requestToken(doc.documentId, jobs.engineVersion, attempt),
    });
    job = { jobId, engine: jobs.engineVersion, pages: deferred.pages, key: object.key, versionId: object.versionId, startedAt: now.toISOString(), attempt };
    deps.log?.('ocr job started', { documentId: doc.documentId, jobId, pages: deferred.pages, attempt });
  }
  // A document already served keeps its status (and its current version) while its scans are read again.
  const served = Boolean(doc.currentVersion);
  const reason = `${deferred.reason}: OCR job ${job.jobId} (${job.engine}) started ${job.startedAt}`;
  const recorded = await deps.repo.recordOcrJob(doc.documentId, job, served ? undefined : { reason, facts: deferred.facts });
  if (!recorded) {
    // The job's completion got there first and gave the document its result.
    const latest = await deps.repo.getDocument(doc.documentId);
    if (latest?.status === 'tagged' && latest.currentVersion) return { outcome: 'unchanged', documentId: doc.documentId, version: latest.currentVersion };
    return { outcome: 'needs-ocr', documentId: doc.documentId, reason: latest?.reason ?? 'OCR found no text' };
  }
  return { outcome: 'ocr-pending', documentId: doc.documentId, jobId: job.jobId, pages: job.pages };
}

/** The job on the document, if it is for these pages and engine and may still finish. */
function reusableJob(doc: DocumentRecord, engine: string, pages: number[], now: Date, limitMs: number): OcrJob | undefined {
  const job = doc.ocrJob;
  if (!job || job.engine !== engine || job.pages.join(',') !== pages.join(',')) return undefined;
  // It ended without giving the document a reading (failed, timed out): a new attempt.
  if (doc.status === 'failed' || doc.status === 'needs-ocr') return undefined;
  if (now.getTime() - Date.parse(job.startedAt) >= limitMs) return undefined;
  return job;
}

/** 64 hex characters, within what Textract accepts as a ClientRequestToken. */
export function requestToken(documentId: string, engine: string, attempt: number): string {
  return createHash('sha256').update(`${documentId}:${engine}:${attempt}`).digest('hex');
}
