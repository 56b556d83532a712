/**
 * Resuming a document when its OCR job ends. What the job read goes into the OCR cache under the
 * engine version (once: a duplicate or later completion, a reprocessing run or a re-extraction
 * finds it there and never asks the engine again), then the document goes through ingestion
 * again, whose extraction, in deferred mode, now finds every scanned page in the cache. Ingestion's
 * own guarantees hold: deterministic keys, a conditional version switch, `unchanged` when the
 * document is already where this would bring it.
 *
 * A failed job re-extracts with that failure: the scanned pages are left out, as when the local
 * engine fails, so an image-only scan ends `needs-ocr` with the engine's reason and a document with
 * a text layer is tagged from its text pages. That outcome is not cached (a service failure is not
 * a property of the PDF), so a later re-extraction asks the engine again.
 */
import { ingestObject, type IngestDeps, type IngestOutcome } from '../ingest';
import type { ExtractionCache, OcrCompletion, OcrJobs } from '../ports';
import type { DocumentRecord, OcrJob } from '../types';
import type { OcrReading } from '../../core/extract/types';

export interface OcrResumeDeps extends IngestDeps {
  ocrJobs: OcrJobs;
}

export type ResumeOutcome = IngestOutcome | { outcome: 'ignored'; documentId: string; reason: string };

export async function resumeFromOcr(deps: OcrResumeDeps, completion: OcrCompletion, opts: { finalAttempt?: boolean } = {}): Promise<ResumeOutcome> {
  const doc = await deps.repo.getDocument(completion.documentId);
  if (!doc) return { outcome: 'ignored', documentId: completion.documentId, reason: 'no document has this id' };
  const job = doc.ocrJob;
  if (!job || job.jobId !== completion.jobId) {
    // A job replaced by a later attempt (after a failure or the time limit): the document waits for that one.
    const reason = `job ${completion.jobId} is not the document's OCR job${job ? ` (${job.jobId})` : ''}`;
    return { outcome: 'ignored', documentId: doc.documentId, reason };
  }
  const input = { bucket: doc.bucket, key: job.key, versionId: job.versionId, finalAttempt: opts.finalAttempt };
  try {
    const failure = await cacheReading(deps, doc, job);
    return await ingestObject(failure === null ? deps : withOcrFailure(deps, failure), input);
  } catch (err) {
    if (!opts.finalAttempt) throw err;
    // Out of retries (the engine's results cannot be fetched, say): the document says why rather than waiting.
    const reason = `error: ${(err as Error).message ?? String(err)}`.slice(0, 500);
    await deps.repo.setStatus(doc.documentId, 'failed', { reason });
    return { outcome: 'failed', documentId: doc.documentId, reason };
  }
}

/** Puts what the job read into the OCR cache unless it is there already; returns null, or why the job read nothing. */
async function cacheReading(deps: OcrResumeDeps, doc: DocumentRecord, job: OcrJob): Promise<string | null> {
  const cached = await deps.cache.getOcr(doc.sha256, job.engine);
  if (cached && job.pages.every((n) => cached.pages.some((p) => p.page === n))) return null;
  const result = await deps.ocrJobs.result(job.jobId, job.pages);
  if (result.status === 'running') throw new Error(`OCR job ${job.jobId} was announced as finished but is still running`);
  if (result.status === 'failed') return `OCR job ${job.jobId} failed: ${result.reason}`;
  await deps.cache.putOcr(doc.sha256, job.engine, merge(cached, result.reading, job.engine));
  return null;
}

/** Pages read before (other pages of an earlier job) stay; this job's pages replace theirs. */
function merge(before: OcrReading | undefined, reading: OcrReading, engine: string): OcrReading {
  const fresh = new Set(reading.pages.map((p) => p.page));
  const pages = [...(before?.pages ?? []).filter((p) => !fresh.has(p.page)), ...reading.pages].sort((a, b) => a.page - b.page);
  const notes = [...new Set([...(before?.notes ?? []), ...reading.notes])];
  return { engineVersion: engine, model: reading.model ?? before?.model ?? null, pages, notes };
}

/**
 * Ingestion whose extraction knows the engine failed, and which caches nothing it learns from that
 * for later extractions. Only the entry named after the paragraphs themselves is kept: it is where
 * the version tagged from them reads its text, and no extraction ever looks it up.
 */
function withOcrFailure(deps: OcrResumeDeps, failure: string): OcrResumeDeps {
  const cache: ExtractionCache = {
    get: (sha, version) => deps.cache.get(sha, version),
    getOcr: (sha, engine) => deps.cache.getOcr(sha, engine),
    put: async (sha, version, result) => {
      if (version !== deps.extractorVersion) await deps.cache.put(sha, version, result);
    },
    putOcr: async () => {},
  };
  return { ...deps, cache, extract: (bytes, known) => deps.extract(bytes, known, failure) };
}
