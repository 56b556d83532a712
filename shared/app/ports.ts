/**
 * The small interfaces the application depends on. Adapters (S3, DynamoDB) implement them;
 * each runtime's composition root builds the adapters and passes them in.
 */
import type { ElementId, ThemeId } from '../core/taxonomy/types';
import type { ExtractionResult, OcrFacts, OcrReading } from '../core/extract/types';
import type {
  DocumentRecord,
  DocumentStatus,
  ElementSummary,
  ElementScore,
  EvidenceParagraph,
  OcrJob,
  Page,
  ParagraphTags,
  RankedDocument,
  RunRecord,
  StoredVersion,
  UploadMetadata,
} from './types';

export interface StoredObject {
  bytes: Uint8Array;
  /** User metadata (`x-amz-meta-*`), keys lower-cased without the prefix. */
  metadata: Record<string, string>;
  contentLength: number;
  eTag?: string;
  versionId?: string;
}

export class ObjectTooLargeError extends Error {
  constructor(readonly size: number, readonly limit: number) {
    super(`object is ${size} bytes, over the ${limit}-byte limit`);
    this.name = 'ObjectTooLargeError';
  }
}

export class ObjectNotFoundError extends Error {
  constructor(readonly key: string) {
    super(`object ${key} does not exist`);
    this.name = 'ObjectNotFoundError';
  }
}

export interface ObjectStore {
  /** Reads an object; throws ObjectTooLargeError past `maxBytes` (without buffering it), ObjectNotFoundError when absent. */
  get(bucket: string, key: string, opts: { maxBytes: number; versionId?: string }): Promise<StoredObject>;
  /** SHA-256 of an object streamed from S3, used when it is too large to buffer. */
  sha256(bucket: string, key: string, versionId?: string): Promise<string>;
}

/** Extraction output keyed by (sha256, extractorVersion), so re-tagging never re-parses a PDF. */
export interface ExtractionCache {
  get(sha256: string, extractorVersion: string): Promise<ExtractionResult | undefined>;
  put(sha256: string, extractorVersion: string, result: ExtractionResult): Promise<void>;
  /** What an OCR engine version read on a document's scanned pages. */
  getOcr(sha256: string, engineVersion: string): Promise<OcrReading | undefined>;
  putOcr(sha256: string, engineVersion: string, reading: OcrReading): Promise<void>;
}

export interface NewDocument extends UploadMetadata {
  documentId: string;
  sha256: string;
  bucket: string;
  key: string;
  byteLength: number;
}

export interface ExtractionFacts {
  title: string | null;
  pages: number | null;
  language: DocumentRecord['language'];
  extractorVersion: string;
  /** 1-based pages that could not be read (the rest of the document was still tagged). */
  failedPages?: number[];
  symbol?: string | null;
  date?: string | null;
  /** How scanned pages were read (absent for documents without any). */
  ocr?: OcrFacts;
}

/** What DocumentRepository.switchVersion makes current, and on which condition. */
export interface VersionSwitch {
  documentId: string;
  version: string;
  expectedCurrent: string | null;
  elements: ElementSummary[];
  paragraphCount: number;
  facts: ExtractionFacts;
}

/**
 * Everything a version stores: written completely before the switch makes it current, and
 * invisible until then (readers go through the document's current version).
 */
export interface VersionWrite {
  documentId: string;
  version: string;
  /** The extraction whose paragraphs were tagged; the paragraphs themselves stay in the extraction cache. */
  extractorVersion: string;
  paragraphCount: number;
  elements: ElementSummary[];
  /** Tagged paragraphs only. */
  tags: ParagraphTags[];
  /** Ranking entries of the version: one per addressed element and per theme. */
  index: IndexEntry[];
  /** The document's upload metadata, which ranking entries carry for their filters. */
  metadata: UploadMetadata;
}

/** One row of the coverage matrix: a document with a current version and its element scores. */
export interface CoverageRow {
  documentId: string;
  title: string | null;
  key: string;
  process?: string;
  type?: DocumentRecord['type'];
  meetingDate?: string;
  elements: ElementScore[];
}

/** A document's entry in the "documents addressing element k / theme t, best first" index. */
export interface IndexEntry {
  target: { kind: 'element'; id: ElementId } | { kind: 'theme'; id: ThemeId };
  score: number;
  paragraphCount: number;
  evidence: EvidenceParagraph[];
}

export interface RankingQuery {
  minScore?: number;
  process?: string;
  type?: string;
  dateFrom?: string;
  dateTo?: string;
  limit: number;
  cursor?: string;
}

export interface DocumentRepository {
  /** Creates the document (status `received`) if new and records `key` as one of its keys. Returns the stored record. */
  registerDocument(doc: NewDocument): Promise<DocumentRecord>;
  getDocument(documentId: string): Promise<DocumentRecord | undefined>;
  /** Several documents in one batched, consistent read (absent ones are missing from the map). */
  getDocuments(documentIds: readonly string[]): Promise<Map<string, DocumentRecord>>;
  /** Document id most recently stored under an S3 key. */
  documentIdForKey(key: string): Promise<string | undefined>;
  setStatus(
    documentId: string,
    status: DocumentStatus,
    fields?: { reason?: string | null; facts?: ExtractionFacts },
  ): Promise<void>;
  /**
   * Records the OCR job reading a document's scanned pages. With `pending`, also sets status
   * `ocr-pending` with its reason and facts, unless the document was meanwhile given a result
   * (`tagged` or `needs-ocr`): then nothing is written and the answer is false.
   */
  recordOcrJob(documentId: string, job: OcrJob, pending?: { reason: string; facts: ExtractionFacts }): Promise<boolean>;
  /**
   * Records `failed` with `reason` if the document is still `ocr-pending` on that job (a completion
   * that got there first wins). Returns whether it did.
   */
  expireOcrJob(documentId: string, jobId: string, reason: string): Promise<boolean>;
  /** Writes a version's summary, tags and ranking entries (idempotent: deterministic keys). Invisible until switched to. */
  writeVersion(write: VersionWrite): Promise<void>;
  /**
   * Writes the versions of several documents at once (their items share batch writes). A document
   * whose items could not all be written is returned with the error, and the others are written;
   * a failed document's version stays invisible (it is never switched to) and is simply written
   * again by the next attempt.
   */
  writeVersions(writes: readonly VersionWrite[]): Promise<Map<string, Error>>;
  /**
   * Makes `version` current (conditional on the document still being at `expectedCurrent`), sets
   * status `tagged` and the document's coverage row; then removes the replaced version's ranking
   * entries and marks it for expiry.
   * Returns false when another writer switched first.
   */
  switchVersion(args: VersionSwitch): Promise<boolean>;
  /** A stored version (current or superseded, until purged): summary and paragraph tags. */
  getVersion(documentId: string, version: string): Promise<StoredVersion | undefined>;
  /** Element summaries of any stored version (current or superseded, until purged): what a run compares. */
  getVersionSummary(documentId: string, version: string): Promise<{ elements: ElementSummary[]; paragraphCount: number } | undefined>;
  listByStatus(status: DocumentStatus | undefined, limit: number, cursor?: string): Promise<Page<DocumentRecord>>;
  rankByElement(element: ElementId, q: RankingQuery): Promise<Page<RankedDocument>>;
  rankByTheme(theme: ThemeId, q: RankingQuery): Promise<Page<RankedDocument>>;
  countByElement(element: ElementId): Promise<number>;
  /** Every row of the coverage matrix: the documents with a current version, in id order. */
  listCoverage(): Promise<CoverageRow[]>;
  /**
   * A cheap marker of the newest change to any coverage row (one small read): while it stays the
   * same, rows listed after it are still what listCoverage would return. `changedAt` is when that
   * change was made (null for an archive without tagged documents).
   */
  coverageStamp(): Promise<{ stamp: string; changedAt: string | null }>;
  /** Deletes superseded versions whose retention has passed (where the table has no TTL). Returns how many versions. */
  purgeExpiredVersions(now?: Date): Promise<number>;
  putRun(run: RunRecord): Promise<void>;
  getRun(runId: string): Promise<RunRecord | undefined>;
}

export interface UploadTarget {
  url: string;
  fields: Record<string, string>;
  key: string;
  expiresAt: string;
}

/** Issues presigned POSTs that only accept a PDF within a size range. */
export interface UploadSigner {
  sign(args: { key: string; metadata: Record<string, string>; maxBytes: number; expiresInSeconds: number }): Promise<UploadTarget>;
}

/**
 * An OCR engine that reads a stored PDF asynchronously and announces the end of each job
 * (Amazon Textract's StartDocumentTextDetection, completion through SNS and SQS). Its readings
 * are cached under `engineVersion`, so a document is read once per engine version.
 */
export interface OcrJobs {
  readonly engineVersion: string;
  /**
   * Starts reading the object and returns the job id. The same `token` returns the same job, so
   * two deliveries of one upload start one job.
   */
  start(job: { bucket: string; key: string; versionId?: string; documentId: string; token: string }): Promise<string>;
  /** What a job read on `pages` (every one of them; a page where it found nothing has no lines), or why it failed. */
  result(jobId: string, pages: number[]): Promise<OcrJobResult>;
}

export type OcrJobResult =
  | { status: 'succeeded'; reading: OcrReading }
  | { status: 'failed'; reason: string }
  | { status: 'running' };

/** A completion notification of an OCR job, as the resume function receives it. */
export interface OcrCompletion {
  jobId: string;
  /** The job's tag: the id of the document it reads. */
  documentId: string;
  status: 'succeeded' | 'failed';
}
