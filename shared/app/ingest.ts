/**
 * ingestObject: one uploaded object through the pipeline.
 * read from S3 → register document → `processing` → extract (cached by sha256 + extractor version)
 * → classify → write paragraphs and tags under the new version → switch the current version (publish.ts)
 * → `tagged` | `needs-ocr` | `failed(reason)`.
 * Re-running it for the same bytes is safe: every write has a deterministic key and the switch is conditional.
 */
import { createHash } from 'node:crypto';
import type { Classifier, DocumentElementSummary, Tag } from '../core/classify/types';
import type { ExtractionResult, Paragraph } from '../core/extract/types';
import { mergeSpans, type Span } from './highlights';
import { InvalidMetadataError, parseUploadMetadata } from './metadata';
import { publishVersion } from './publish';
import { isCurrent, targetVersion } from './versions';
import {
  ObjectNotFoundError,
  ObjectTooLargeError,
  type DocumentRepository,
  type ExtractionCache,
  type ExtractionFacts,
  type ObjectStore,
} from './ports';
import type { DocumentRecord, ElementSummary, StoredParagraph, StoredTag, UploadMetadata } from './types';

export interface IngestDeps {
  objects: ObjectStore;
  cache: ExtractionCache;
  repo: DocumentRepository;
  /** The extraction stage (extractDocument with limits and worker path already bound). */
  extract: (bytes: Uint8Array) => Promise<ExtractionResult>;
  extractorVersion: string;
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
    const version = targetVersion(doc, deps.classifier.version, deps.extractorVersion);
    if (isCurrent(doc, deps.classifier.version, deps.extractorVersion)) {
      return { outcome: 'unchanged', documentId, version: doc.currentVersion ?? version };
    }
    // A document that already has a current version stays `tagged` while it is re-tagged, so queries keep serving it.
    if (!doc.currentVersion) await deps.repo.setStatus(documentId, 'processing');

    const { result, cached } = await extractWithCache(deps, sha256, object.bytes);
    if (result.outcome !== 'ok') {
      const status = result.outcome === 'needs-ocr' ? 'needs-ocr' : 'failed';
      const reason = result.outcome === 'failed' ? `${result.code}: ${result.reason}` : result.reason;
      await deps.repo.setStatus(documentId, status, { reason, facts: partialFacts(result.facts, deps.extractorVersion) });
      return { outcome: status, documentId, reason };
    }

    const { paragraphs, elements } = classify(deps.classifier, result.document.paragraphs);
    const facts: ExtractionFacts = {
      title: result.document.facts.title,
      pages: result.document.facts.pageCount,
      language: result.document.facts.language,
      extractorVersion: result.document.facts.extractorVersion,
      failedPages: result.document.facts.failedPages,
    };
    await publishVersion(deps.repo, { documentId, version, expectedCurrent: doc.currentVersion, paragraphs, elements, facts });
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

async function extractWithCache(
  deps: IngestDeps,
  sha256: string,
  bytes: Uint8Array,
): Promise<{ result: ExtractionResult; cached: boolean }> {
  const hit = await deps.cache.get(sha256, deps.extractorVersion);
  if (hit) return { result: hit, cached: true };
  const result = await deps.extract(bytes);
  // Only deterministic outcomes are cached; a failure (e.g. a timeout under load) is retried next time.
  if (result.outcome !== 'failed') await deps.cache.put(sha256, deps.extractorVersion, result);
  return { result, cached: false };
}

function partialFacts(
  facts: Partial<{ title: string | null; pageCount: number; language: ExtractionFacts['language']; failedPages: number[] }>,
  extractorVersion: string,
): ExtractionFacts {
  return {
    title: facts.title ?? null,
    pages: facts.pageCount ?? null,
    language: facts.language ?? null,
    extractorVersion,
    ...(facts.failedPages ? { failedPages: facts.failedPages } : {}),
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

/** Tags every paragraph once, then rolls the tags up per element. */
export function classify(classifier: Classifier, source: Paragraph[]): { paragraphs: StoredParagraph[]; elements: ElementSummary[] } {
  const tagged = source.map((p) => ({ p, tags: classifier.classifyText(p.text) }));
  const paragraphs = tagged.map(({ p, tags }) => ({
    index: p.index,
    number: p.number,
    page: p.page,
    pageEnd: p.pageEnd,
    kind: p.kind,
    text: p.text,
    tags: tags.map(toStoredTag),
  }));
  const summaries = classifier.summariseDocument(tagged.map(({ p, tags }) => ({ index: p.index, text: p.text, kind: p.kind, tags })));
  return { paragraphs, elements: summaries.map(toElementSummary) };
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
