/**
 * Records the application reads and writes, independent of how they are stored.
 * The API responses, the CLI and the tests all use these shapes.
 */
import type { ElementId, ThemeId } from '../core/taxonomy/types';
import type { LanguageCode, OcrFacts, ParagraphKind } from '../core/extract/types';

/** `ocr-pending`: an external OCR engine (Amazon Textract) is reading its scanned pages; it resumes when that job ends. */
export type DocumentStatus = 'received' | 'processing' | 'ocr-pending' | 'tagged' | 'needs-ocr' | 'failed';
export const DOCUMENT_STATUSES: readonly DocumentStatus[] = ['received', 'processing', 'ocr-pending', 'tagged', 'needs-ocr', 'failed'];
export const TERMINAL_STATUSES: readonly DocumentStatus[] = ['tagged', 'needs-ocr', 'failed'];

export const DOCUMENT_TYPES = [
  'declaration',
  'chairs-summary',
  'concept-note',
  'report',
  'resolution',
  'action-plan',
  'evaluation',
  'other',
] as const;
export type DocumentType = (typeof DOCUMENT_TYPES)[number];

/** What the uploader tells us about a document (object metadata or key convention). */
export interface UploadMetadata {
  process?: string;
  type?: DocumentType;
  /** ISO date YYYY-MM-DD. */
  meetingDate?: string;
}

/**
 * An element's line in the summary of a document's current version, as the document item keeps it:
 * what listings, the coverage matrix and change reports need.
 */
export interface ElementScore {
  element: ElementId;
  theme: ThemeId;
  paragraphCount: number;
  score: number;
  addresses: boolean;
}

/** Per-element roll-up of one version (kept with the version; the document item keeps its ElementScore part). */
export interface ElementSummary extends ElementScore {
  bestScore: number;
  evidence: number[];
}

export interface DocumentRecord extends UploadMetadata {
  /** Document identity: hex SHA-256 of the PDF bytes (same bytes = same document). */
  documentId: string;
  sha256: string;
  /** Key the document was first seen under; every key is listed in `keys`. */
  key: string;
  keys: string[];
  bucket: string;
  title: string | null;
  /** UN document symbol from the first page (`A/RES/79/217`), when there is one. */
  symbol?: string | null;
  /** Date printed on the first page (adoption, issue): YYYY-MM-DD, or YYYY-MM. */
  date?: string | null;
  /** How its scanned pages were read, when it has any (engine, pages, confidence, model, notes). */
  ocr?: OcrFacts;
  pages: number | null;
  language: LanguageCode | null;
  byteLength: number | null;
  status: DocumentStatus;
  /** Set when status is `failed`, `needs-ocr` or `ocr-pending`. */
  reason: string | null;
  extractorVersion: string | null;
  /** Classifier version whose paragraphs and tags the API serves; null until first tagged. */
  currentVersion: string | null;
  /** Element scores of the current version (elements with at least one tagged paragraph). */
  elements: ElementScore[];
  paragraphCount: number;
  /** 1-based pages whose content could not be read; present when extraction reported any. */
  failedPages?: number[];
  /** The last OCR job started on its scanned pages by an external engine (Amazon Textract). */
  ocrJob?: OcrJob;
  /**
   * Set while a switch to `currentVersion` has not finished its follow-up writes (ranking entries,
   * expiry of the replaced version): a redelivery completes them instead of reporting `unchanged`.
   */
  switchPending?: boolean;
  createdAt: string;
  updatedAt: string;
}

/** An OCR job of an external engine, recorded on the document it reads. */
export interface OcrJob {
  jobId: string;
  /** Engine version whose reading the job produces (the OCR cache key). */
  engine: string;
  /** 1-based pages the document waits for. */
  pages: number[];
  /** The object the engine reads (a versioned bucket names the exact version). */
  key: string;
  versionId?: string;
  startedAt: string;
  /** 1 for the document's first job with this engine; a job started after a failed or expired one counts up. */
  attempt: number;
}

export interface StoredTag {
  element: ElementId;
  theme: ThemeId;
  score: number;
  /** Lexicon terms found in the paragraph (distinct, in order of appearance). */
  matchedTerms: string[];
  tfidfTerms: string[];
  /**
   * Where the matched terms are in the paragraph text, merged character spans `[start, end)`.
   * Absent on tags stored before spans were kept (highlights then fall back to the terms' wording).
   */
  spans?: Array<[number, number]>;
}

/**
 * The tags of one paragraph as a version stores them. `textKey` names the paragraph's text
 * (paragraphKey in core/extract): it joins tags to the text served from the extraction cache, and
 * lets per-paragraph decisions keyed by text (a reviewer's confirm/reject) be applied at read time.
 */
export interface ParagraphTags {
  index: number;
  textKey: string;
  tags: StoredTag[];
}

/** One stored version of a document's results: its summary and the tags of every tagged paragraph. */
export interface StoredVersion {
  version: string;
  /** The extraction whose paragraphs were tagged (the S3 cache entry the paragraphs are served from). */
  extractorVersion: string;
  paragraphCount: number;
  elements: ElementSummary[];
  /** Tagged paragraphs only, by index. */
  tags: ParagraphTags[];
  writtenAt: string;
}

export interface StoredParagraph {
  index: number;
  number: string | null;
  page: number;
  pageEnd: number;
  kind: ParagraphKind;
  text: string;
  /** `ocr` for a paragraph read from a scanned page (absent for the text layer). */
  source?: 'ocr';
  /** OCR only: the engine's mean word confidence over the paragraph, 0–1. */
  confidence?: number;
  tags: StoredTag[];
}

/** One evidence paragraph as shown in rankings. */
export interface EvidenceParagraph {
  index: number;
  number: string | null;
  page: number;
  snippet: string;
  matchedTerms: string[];
  score: number;
  /** Spans of the matched terms in `snippet` (absent in entries stored before they were kept). */
  highlights?: Array<[number, number]>;
}

/** A document listed under an element or theme, best first. */
export interface RankedDocument {
  documentId: string;
  title: string | null;
  key: string;
  process?: string;
  type?: DocumentType;
  meetingDate?: string;
  score: number;
  paragraphCount: number;
  version: string;
  evidence: EvidenceParagraph[];
}

export interface Page<T> {
  items: T[];
  /** Opaque; pass back as `cursor` for the next page. Absent on the last page. */
  nextCursor?: string;
}

/** A reprocessing run (issue 6): stored now so its shape is fixed. */
export interface RunRecord {
  runId: string;
  scope: string;
  targetVersion: string;
  status: 'running' | 'done' | 'failed';
  counts: { pending: number; done: number; failed: number; unchanged: number };
  startedAt: string;
  endedAt?: string;
}
