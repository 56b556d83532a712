/**
 * Contract of the extraction stage: PDF bytes in, clean numbered paragraphs out.
 * Everything downstream (classifier, storage, API) depends only on these types.
 */

import type { OcrFacts, OcrReading } from './ocr/types';

export type { OcrFacts, OcrReading, OcrMode, OcrPage, OcrLine, OcrWord, TessdataLocations } from './ocr/types';

export type ParagraphKind = 'heading' | 'preambular' | 'operative' | 'list-item' | 'body';

export type LanguageCode = 'en' | 'fr' | 'es' | 'und';

export interface Paragraph {
  /** 0-based position in reading order across the whole document. */
  index: number;
  /** Printed label such as "12", "12(a)", "(b)", "III", or null when unnumbered. */
  number: string | null;
  /** 1-based page where the paragraph starts. */
  page: number;
  /** 1-based page where it ends (equal to `page` unless it runs over a page break). */
  pageEnd: number;
  kind: ParagraphKind;
  text: string;
  /** Character offsets of `text` inside `ExtractedDocument.text` (end exclusive). */
  start: number;
  end: number;
  /** `ocr` when the paragraph was read from a scanned page; absent for the text layer. */
  source?: 'ocr';
  /** OCR only: the engine's mean word confidence over the paragraph, 0–1. */
  confidence?: number;
}

export interface DocumentFacts {
  pageCount: number;
  title: string | null;
  /** UN document symbol printed on the first page (`A/RES/79/217`), or null. */
  symbol: string | null;
  /** Date of the document (adoption, issue) as YYYY-MM-DD, from the first page, or null. */
  date: string | null;
  language: LanguageCode;
  /** Hex SHA-256 of the PDF bytes. */
  sha256: string;
  byteLength: number;
  extractorVersion: string;
  /** 1-based pages whose content could not be read; the rest of the document still counts. */
  failedPages: number[];
  /** Present when the document has scanned pages: how they were (or were not) read. */
  ocr?: OcrFacts;
}

export interface ExtractedDocument {
  facts: DocumentFacts;
  /** The document text: paragraphs joined by "\n\n"; paragraph offsets point into it. */
  text: string;
  paragraphs: Paragraph[];
}

export type FailureCode =
  | 'empty'
  | 'not-pdf'
  | 'corrupt'
  | 'encrypted'
  | 'too-large'
  | 'too-many-pages'
  | 'timeout'
  | 'no-text';

export type ExtractionResult =
  /** `ocr`: what the OCR engine read, for the caller to keep (re-extraction then re-reads no scan). */
  | { outcome: 'ok'; reason: null; document: ExtractedDocument; ocr?: OcrReading }
  | { outcome: 'needs-ocr'; reason: string; facts: Partial<DocumentFacts> }
  /** Scanned `pages` wait for an external OCR engine (Textract); never cached. */
  | { outcome: 'ocr-required'; reason: string; pages: number[]; facts: Partial<DocumentFacts> }
  | { outcome: 'failed'; code: FailureCode; reason: string; facts: Partial<DocumentFacts> };

export interface ExtractionLimits {
  maxBytes: number;
  maxPages: number;
  /** Wall-clock limit for the whole parse, enforced from outside the parsing thread. */
  timeoutMs: number;
}
