import { cleanLines, dominantSize } from './clean-lines';
import { firstPageFacts } from './document-facts';
import { detectLanguage } from './language';
import { pageLines } from './lines';
import { buildParagraphs, type ParagraphDraft } from './paragraphs';
import type { Line, RawDocument } from './model';
import type { LanguageCode, Paragraph } from './types';

export interface LaidOutDocument {
  text: string;
  paragraphs: Paragraph[];
  title: string | null;
  symbol: string | null;
  date: string | null;
  language: LanguageCode;
  /** Letters found in the text layer before any clean-up (to tell scans from text PDFs). */
  letterCount: number;
}

/**
 * The pure part of extraction: positioned text of every page in, clean numbered paragraphs out.
 * No I/O and no pdf.js here, so it can be tested on hand-made pages.
 */
export function layoutDocument(raw: RawDocument): LaidOutDocument {
  const lines = raw.pages.flatMap((page) => pageLines(page));
  const letterCount = lines.reduce((n, l) => n + (l.text.match(/\p{L}/gu)?.length ?? 0), 0);
  const bodySize = dominantSize(lines);
  assignPageBodySizes(lines, bodySize);
  const clean = cleanLines(lines, raw.pageCount, bodySize);
  const drafts = buildParagraphs(clean, bodySize);
  const { text, paragraphs } = placeParagraphs(drafts);
  return {
    text,
    paragraphs,
    ...firstPageFacts(lines, drafts, raw.metadataTitle),
    language: detectLanguage(text),
    letterCount,
  };
}

/** Pages with less text than this take the document's body size (title pages, figure pages). */
const MIN_PAGE_CHARS = 400;

function assignPageBodySizes(lines: Line[], documentBodySize: number): void {
  const byPage = new Map<number, Line[]>();
  for (const line of lines) {
    const own = byPage.get(line.page) ?? [];
    own.push(line);
    byPage.set(line.page, own);
  }
  for (const own of byPage.values()) {
    const chars = own.reduce((n, l) => n + l.text.length, 0);
    const size = chars >= MIN_PAGE_CHARS ? dominantSize(own) : documentBodySize;
    for (const line of own) line.bodySize = size;
  }
}

/** Joins paragraphs with a blank line and records where each one sits in the joined text. */
export function placeParagraphs(drafts: ParagraphDraft[]): { text: string; paragraphs: Paragraph[] } {
  const parts: string[] = [];
  const paragraphs: Paragraph[] = [];
  let offset = 0;
  drafts.forEach((d, index) => {
    if (index > 0) offset += 2; // the "\n\n" separator
    paragraphs.push({
      index,
      number: d.number,
      page: d.page,
      pageEnd: d.pageEnd,
      kind: d.kind,
      text: d.text,
      start: offset,
      end: offset + d.text.length,
      // Text-layer paragraphs carry neither key, so their JSON is what it was before OCR existed.
      ...(d.confidence !== undefined ? { source: 'ocr' as const, confidence: d.confidence } : {}),
    });
    parts.push(d.text);
    offset += d.text.length;
  });
  return { text: parts.join('\n\n'), paragraphs };
}
