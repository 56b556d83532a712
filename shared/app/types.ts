/**
 * Records the application reads and writes, independent of how they are stored.
 * The API responses, the CLI and the tests all use these shapes.
 */
import type { ElementId, ThemeId } from '../core/taxonomy/types';
import type { LanguageCode, ParagraphKind } from '../core/extract/types';

export type DocumentStatus = 'received' | 'processing' | 'tagged' | 'needs-ocr' | 'failed';
export const DOCUMENT_STATUSES: readonly DocumentStatus[] = ['received', 'processing', 'tagged', 'needs-ocr', 'failed'];
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

/** Per-element roll-up stored with the document for its current version. */
export interface ElementSummary {
  element: ElementId;
  theme: ThemeId;
  paragraphCount: number;
  bestScore: number;
  score: number;
  addresses: boolean;
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
  pages: number | null;
  language: LanguageCode | null;
  byteLength: number | null;
  status: DocumentStatus;
  /** Set when status is `failed` or `needs-ocr`. */
  reason: string | null;
  extractorVersion: string | null;
  /** Classifier version whose paragraphs and tags the API serves; null until first tagged. */
  currentVersion: string | null;
  /** Element summaries of the current version (elements with at least one tagged paragraph). */
  elements: ElementSummary[];
  paragraphCount: number;
  /** 1-based pages whose content could not be read; present when extraction reported any. */
  failedPages?: number[];
  /**
   * Set while a switch to `currentVersion` has not finished its follow-up writes (ranking entries,
   * expiry of the replaced version): a redelivery completes them instead of reporting `unchanged`.
   */
  switchPending?: boolean;
  createdAt: string;
  updatedAt: string;
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

export interface StoredParagraph {
  index: number;
  number: string | null;
  page: number;
  pageEnd: number;
  kind: ParagraphKind;
  text: string;
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
