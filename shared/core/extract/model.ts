/**
 * Intermediate shapes between the PDF reader and the paragraph builder (internal to extraction).
 * Coordinates are PDF user space: x grows to the right, y grows UP (baseline of the text).
 */

/** One positioned run of text as pdf.js reports it. */
export interface TextItem {
  str: string;
  x: number;
  /** Baseline. */
  y: number;
  width: number;
  /** Font size derived from the text matrix. */
  size: number;
  /** OCR only: how sure the engine is of this word, 0–1. */
  confidence?: number;
}

export interface RawPage {
  /** 1-based. */
  number: number;
  width: number;
  height: number;
  items: TextItem[];
}

/** What the reader hands to the pure layout stages. */
export interface RawDocument {
  pageCount: number;
  metadataTitle: string | null;
  pages: RawPage[];
  failedPages: number[];
  /** Pages (among those with little or no text) that paint images: a sign of a scan. */
  pagesWithImages: number;
  /** 1-based pages with (almost) no text whose images cover most of the page: scans, for OCR. */
  scannedPages: number[];
}

/** A visual line of one column of one page, in reading order. */
export interface Line {
  page: number;
  /** 0 for single-column text or the left column, 1 for the right column. */
  column: number;
  /** Baseline. */
  y: number;
  x0: number;
  x1: number;
  /** Dominant font size of the line. */
  size: number;
  /** Text with superscript footnote markers removed. */
  text: string;
  /** Leading superscript marker (a footnote's own number), when the line starts with one. */
  leadingMarker: string | null;
  /** Left and right edges of the column the line sits in (for indentation and short-line tests). */
  columnLeft: number;
  columnRight: number;
  pageHeight: number;
  /**
   * Body text size of the line's page (set by layoutDocument): headings are larger, footnotes smaller.
   * Per page, because a report's annex tables can outweigh its prose at another size.
   */
  bodySize?: number;
  /** [character offset in text, x] where each text run starts; used to find hanging indents. */
  offsets: Array<[number, number]>;
  /** OCR only: mean word confidence (0–1) of the line, weighted by characters. */
  confidence?: number;
}
