/**
 * What an OCR engine (tesseract locally, Amazon Textract on AWS) reports for a page, in one shape:
 * geometry as fractions of the page (0–1, origin top left, as both engines give it), confidence 0–1.
 * This is also what is cached per (document, engine version), so that re-extraction with new layout
 * rules re-reads no scan.
 */
export interface OcrBox {
  left: number;
  top: number;
  width: number;
  height: number;
}

export interface OcrWord extends OcrBox {
  text: string;
  confidence: number;
}

export interface OcrLine extends OcrBox {
  words: OcrWord[];
}

export interface OcrPage {
  /** 1-based page of the PDF. */
  page: number;
  lines: OcrLine[];
}

/** The recognised pages of one document by one engine version. */
export interface OcrReading {
  engineVersion: string;
  /** Language model the engine read with (tesseract), or null when the engine chose (Textract). */
  model: string | null;
  pages: OcrPage[];
  /** Plain statements about the reading a user should know (a missing language model...). */
  notes: string[];
}

/** Document facts about OCR, carried by extraction results, stored on the document, shown by the API. */
export interface OcrFacts {
  /** `off`, or the version of the engine that read (or was to read) the scanned pages. */
  engine: string;
  /** Pages read by OCR (or waiting for it). */
  pages: number[];
  /** Mean word confidence (0–1) over those pages, weighted by characters; null when nothing was read. */
  confidence: number | null;
  model: string | null;
  notes: string[];
}

/** How extraction treats scanned pages. */
export type OcrMode =
  /** Recognise them here, with the local engine (tesseract in the extraction worker). */
  | { kind: 'local'; engineVersion: string; known?: OcrReading; tessdata?: TessdataLocations }
  /**
   * Use the pages in `known` when they are there; otherwise report which pages need an external
   * engine (Amazon Textract). `failure`: that engine could not read them, and why: the pages it did
   * not read are then left out, as when the local engine fails.
   */
  | { kind: 'deferred'; engineVersion: string; known?: OcrReading; failure?: string }
  /** Do not read scans: image-only documents end as `needs-ocr`. */
  | { kind: 'off' };

/** Where each language model lives (absolute paths); a missing one is reported, not fatal. */
export interface TessdataLocations {
  eng?: string;
  fra?: string;
  spa?: string;
}
