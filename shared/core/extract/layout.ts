import { cleanLines, dominantSize } from './clean-lines';
import { detectLanguage } from './language';
import { pageLines } from './lines';
import { buildParagraphs, type ParagraphDraft } from './paragraphs';
import type { Line, RawDocument } from './model';
import type { LanguageCode, Paragraph } from './types';

export interface LaidOutDocument {
  text: string;
  paragraphs: Paragraph[];
  title: string | null;
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
    title: pickTitle(drafts, raw.metadataTitle),
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
    });
    parts.push(d.text);
    offset += d.text.length;
  });
  return { text: parts.join('\n\n'), paragraphs };
}

/** UN resolutions print their own title as "79/217. International migration and development". */
const RESOLUTION_TITLE = /^\d{1,3}\/\d{1,4}\.\s+\S/;

function pickTitle(drafts: ParagraphDraft[], metadataTitle: string | null): string | null {
  const resolution = drafts.find((d) => d.page <= 2 && RESOLUTION_TITLE.test(d.text));
  if (resolution) return clip(resolution.text);
  if (metadataTitle) return clip(metadataTitle);
  // Otherwise the largest heading of the first two pages, ignoring one-word mastheads.
  const headings = drafts.filter((d) => d.kind === 'heading' && d.page <= 2 && d.text.split(/\s+/).length >= 2);
  if (headings.length === 0) return null;
  const largest = headings.reduce((best, d) => (d.size > best.size ? d : best));
  return clip(largest.text);
}

function clip(text: string): string {
  return text.length <= 200 ? text : `${text.slice(0, 197).trimEnd()}…`;
}
