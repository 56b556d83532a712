import { createHash } from 'node:crypto';
import type { ExtractionLimits } from './types';

/**
 * Every threshold the layout and clean-up rules use, in one place, so that the extractor version
 * can be derived from them (see EXTRACTOR_VERSION below).
 * Distances are in multiples of the body font size unless the name says otherwise.
 */
export const RULES = {
  /** Two text items belong to the same line when their baselines differ by less than this (x font size). */
  sameLineTolerance: 0.45,
  /** A gap wider than this between two items on a line is a word space (x font size). */
  wordGap: 0.16,
  /** An item at most this fraction of the line's font size, raised above its baseline, is a superscript. */
  superscriptMaxSize: 0.8,
  /** Top and bottom bands of a page where running headers/footers live (fraction of page height). */
  marginBand: 0.1,
  /** A margin line repeated (digits ignored) on at least this fraction of pages is a running header/footer. */
  repeatedLineShare: 0.4,
  /** Lines at most this fraction of the body size, at the bottom of a page, can form a footnote block. */
  footnoteMaxSize: 0.9,
  /** A baseline gap larger than this multiple of the usual line spacing starts a new paragraph. */
  paragraphGap: 1.45,
  /** A first line indented by more than this (x font size) starts a new paragraph. */
  indent: 0.8,
  /** A line ending earlier than this fraction of the column width short of its right edge is "short". */
  shortLine: 0.15,
  /** Lines at least this multiple of the body size are headings. */
  headingSize: 1.12,
  /** Text with fewer than this many letters per page on average has no usable text layer. */
  minLettersPerPage: 40,
  /** Column gutter: minimum empty width (points) and where its centre may lie (fraction of page width). */
  gutterMinWidth: 6,
  gutterRange: [0.3, 0.7] as [number, number],
  /** Share of a page's body lines that may cross a gutter for the page still to count as two columns. */
  gutterMaxCrossing: 0.12,
  /**
   * In a document with a text layer, a scanned page counts only when OCR reads at least this many
   * words on it (an annexed letter does; a back cover with a logo or a photograph does not).
   */
  ocrMinWordsBesideText: 20,
} as const;

/**
 * Bump when the code of a rule changes behaviour (the thresholds above are hashed automatically).
 * test/unit/extract/version.test.ts pins the resulting string, so a change cannot go unnoticed.
 */
export const RULES_REVISION = 2;

/** `extract-<revision>.<first 8 hex of sha256(rules)>`. */
export function deriveExtractorVersion(rules: object, revision: number): string {
  return `extract-${revision}.${createHash('sha256').update(JSON.stringify(rules)).digest('hex').slice(0, 8)}`;
}

export const EXTRACTOR_VERSION = deriveExtractorVersion(RULES, RULES_REVISION);

/** Defaults match the defaults of shared/config.ts (GCM_MAX_PDF_BYTES, GCM_MAX_PAGES, GCM_EXTRACT_TIMEOUT_MS). */
export const DEFAULT_LIMITS: ExtractionLimits = {
  maxBytes: 50 * 1024 * 1024,
  maxPages: 500,
  timeoutMs: 120_000,
};
