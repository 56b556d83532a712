/**
 * ingestObject: one uploaded object through the pipeline.
 * read from S3 → register document → `processing` → extract (cached by sha256 + extractor version)
 * → classify → write paragraphs and tags under the new version → switch the current version (publish.ts)
 * → `tagged` | `needs-ocr` | `failed(reason)`, or `ocr-pending` when scanned pages wait for an external
 * OCR job (Amazon Textract), whose completion brings the document through here again (./ocr/resume.ts).
 * Re-running it for the same bytes is safe: every write has a deterministic key and the switch is conditional.
 */
import { createHash } from 'node:crypto';
import type { Classifier, DocumentElementSummary, Tag } from '../core/classify/types';
import type { DocumentFacts, ExtractionResult, OcrReading, Paragraph } from '../core/extract/types';
import { extractCached } from './extraction';
import { mergeSpans, type Span } from './highlights';
import { requestOcr } from './ocr/request';
import { InvalidMetadataError, parseUploadMetadata } from './metadata';
import { paragraphWithTags } from './paragraphs';
import { publishVersion } from './publish';
import { isCurrent, targetVersion } from './versions';
import {
  ObjectNotFoundError,
  ObjectTooLargeError,
  type DocumentRepository,
  type ExtractionCache,
  type ExtractionFacts,
  type ObjectStore,
  type OcrJobs,
} from './ports';
import type { DocumentRecord, ElementSummary, StoredParagraph, StoredTag, UploadMetadata } from './types';

export interface IngestDeps {
  objects: ObjectStore;
  cache: ExtractionCache;
  repo: DocumentRepository;
  /**
   * The extraction stage (extractDocument with limits, worker path and OCR mode bound); `known`:
   * pages OCR already read; `ocrFailure`: why the external OCR engine could not read the others.
   */
  extract: (bytes: Uint8Array, known?: OcrReading, ocrFailure?: string) => Promise<ExtractionResult>;
  extractorVersion: string;
  /** `off`, or the OCR engine version in use; a document read by another one is read again. */
  ocrEngine?: string;
  /** The external OCR engine that reads the scanned pages the extraction defers (Amazon Textract on AWS). */
  ocrJobs?: OcrJobs;
  /** How long a document may wait for its OCR job (default 60 minutes). */
  ocrTimeLimitMs?: number;
  now?: () => Date;
  classifier: Classifier;
  uploadPrefix: string;
  maxBytes: number;
  log?: (msg: string, data?: Record<string, unknown>) => void;
}

export interface IngestInput {
  bucket: string;
  key: string;
  versionId?: string;
  eTag?: string;
  /** When true, an unexpected error is recorded as `failed` instead of thrown (last delivery attempt). */
  finalAttempt?: boolean;
}

export type IngestOutcome =
  | { outcome: 'tagged'; documentId: string; version: string; paragraphs: number; cached: boolean }
  | { outcome: 'unchanged'; documentId: string; version: string }
  | { outcome: 'needs-ocr' | 'failed'; documentId: string; reason: string }
  | { outcome: 'ocr-pending'; documentId: string; jobId: string; pages: number[] }
  | { outcome: 'skipped'; reason: string };

export async function ingestObject(deps: IngestDeps, input: IngestInput): Promise<IngestOutcome> {
  const log = deps.log ?? (() => {});
  let documentId: string | undefined;
  try {
    let object;
    try {
      object = await deps.objects.get(input.bucket, input.key, { maxBytes: deps.maxBytes, versionId: input.versionId });
    } catch (err) {
      if (err instanceof ObjectNotFoundError) {
        log('object gone before ingestion', { key: input.key });
        return { outcome: 'skipped', reason: err.message };
      }
      if (err instanceof ObjectTooLargeError) {
        const sha256 = await deps.objects.sha256(input.bucket, input.key, input.versionId);
        documentId = sha256;
        const metadata = safeMetadata({}, input.key, deps.uploadPrefix);
        await deps.repo.registerDocument({ documentId, sha256, bucket: input.bucket, key: input.key, byteLength: err.size, ...metadata.value });
        const reason = `too-large: ${err.message}`;
        await deps.repo.setStatus(documentId, 'failed', { reason });
        return { outcome: 'failed', documentId, reason };
      }
      throw err;
    }

    const sha256 = createHash('sha256').update(object.bytes).digest('hex');
    documentId = sha256;
    const metadata = safeMetadata(object.metadata, input.key, deps.uploadPrefix);
    const doc = await deps.repo.registerDocument({
      documentId,
      sha256,
      bucket: input.bucket,
      key: input.key,
      byteLength: object.contentLength,
      ...metadata.value,
    });
    if (metadata.error) {
      await deps.repo.setStatus(documentId, 'failed', { reason: metadata.error });
      return { outcome: 'failed', documentId, reason: metadata.error };
    }
    const version = targetVersion(doc, deps.classifier.version, deps.extractorVersion, deps.ocrEngine);
    if (isCurrent(doc, deps.classifier.version, deps.extractorVersion, deps.ocrEngine)) {
      return { outcome: 'unchanged', documentId, version: doc.currentVersion ?? version };
    }
    // A document that already has a current version stays `tagged` while it is re-tagged, so queries keep serving it.
    if (!doc.currentVersion) await deps.repo.setStatus(documentId, 'processing');

    const { result, cached, source } = await extractCached(deps, sha256, object.bytes);
    if (result.outcome === 'ocr-required') {
      const at = { bucket: input.bucket, key: input.key, versionId: object.versionId ?? input.versionId };
      return await requestOcr(deps, doc, at, { pages: result.pages, reason: result.reason, facts: partialFacts(result.facts, deps.extractorVersion) });
    }
    if (result.outcome !== 'ok') {
      const status = result.outcome === 'needs-ocr' ? 'needs-ocr' : 'failed';
      const reason = result.outcome === 'failed' ? `${result.code}: ${result.reason}` : result.reason;
      await deps.repo.setStatus(documentId, status, { reason, facts: partialFacts(result.facts, deps.extractorVersion) });
      return { outcome: status, documentId, reason };
    }

    const { paragraphs, elements } = classify(deps.classifier, result.document);
    const facts: ExtractionFacts = documentFacts(result.document.facts, result.document.facts.extractorVersion);
    await publishVersion(deps.repo, { documentId, version, expectedCurrent: doc.currentVersion, extractorVersion: source, paragraphs, elements, facts, metadata: doc });
    log('tagged', { documentId, key: input.key, version, paragraphs: paragraphs.length, cached });
    return { outcome: 'tagged', documentId, version, paragraphs: paragraphs.length, cached };
  } catch (err) {
    if (!input.finalAttempt || !documentId) throw err;
    // Out of retries: record the failure on the document rather than losing it.
    const reason = `error: ${(err as Error).message ?? String(err)}`.slice(0, 500);
    await deps.repo.setStatus(documentId, 'failed', { reason });
    return { outcome: 'failed', documentId, reason };
  }
}

function safeMetadata(
  meta: Record<string, string>,
  key: string,
  uploadPrefix: string,
): { value: UploadMetadata; error?: string } {
  try {
    return { value: parseUploadMetadata(meta, key, uploadPrefix) };
  } catch (err) {
    if (err instanceof InvalidMetadataError) return { value: {}, error: err.message };
    throw err;
  }
}

/** The facts stored on the document from a successful extraction. */
export function documentFacts(facts: DocumentFacts, extractorVersion: string): ExtractionFacts {
  return {
    title: facts.title,
    pages: facts.pageCount,
    language: facts.language,
    extractorVersion,
    failedPages: facts.failedPages,
    symbol: facts.symbol ?? null,
    date: facts.date ?? null,
    ...(facts.ocr ? { ocr: facts.ocr } : {}),
  };
}

function partialFacts(facts: Partial<DocumentFacts>, extractorVersion: string): ExtractionFacts {
  return {
    title: facts.title ?? null,
    pages: facts.pageCount ?? null,
    language: facts.language ?? null,
    extractorVersion,
    ...(facts.failedPages ? { failedPages: facts.failedPages } : {}),
    ...(facts.ocr ? { ocr: facts.ocr } : {}),
  };
}

export function toStoredTag(tag: Tag): StoredTag {
  const matched: string[] = [];
  for (const h of tag.keywordHits) if (!matched.includes(h.term)) matched.push(h.term);
  return {
    element: tag.element,
    theme: tag.theme,
    score: tag.score,
    matchedTerms: matched,
    tfidfTerms: tag.tfidfTerms.slice(0, 5).map((t) => t.term),
    spans: mergeSpans(tag.keywordHits.map((h): Span => [h.start, h.end])),
  };
}

/** Tags the document's paragraphs, each in the context of the others, and rolls the tags up per element. */
export function classify(
  classifier: Classifier,
  document: { paragraphs: Paragraph[]; facts: { title: string | null } },
): { paragraphs: StoredParagraph[]; elements: ElementSummary[] } {
  const source = document.paragraphs;
  const result = classifier.classifyDocument(source, { title: document.facts.title });
  const paragraphs = source.map((p, i) => paragraphWithTags(p, result.paragraphs[i].map(toStoredTag)));
  return { paragraphs, elements: result.elements.map(toElementSummary) };
}

/** The stored form of a classifier roll-up: exactly the fields the table keeps, nothing the classifier adds later. */
export function toElementSummary(s: DocumentElementSummary): ElementSummary {
  return {
    element: s.element,
    theme: s.theme,
    paragraphCount: s.paragraphCount,
    bestScore: s.bestScore,
    score: s.score,
    addresses: s.addresses,
    evidence: s.evidence,
  };
}
