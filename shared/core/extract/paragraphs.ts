import { RULES } from './settings';
import { readLabel, type Label } from './labels';
import { buildVocabulary, joinLines, normalizeLine } from './text';
import type { Line } from './model';
import type { ParagraphKind } from './types';

/** A paragraph before it is placed in the document text (no offsets yet). */
export interface ParagraphDraft {
  number: string | null;
  page: number;
  pageEnd: number;
  kind: ParagraphKind;
  text: string;
  /** Font size of the first line (used to pick a title). */
  size: number;
  /** OCR only: mean confidence (0–1) of its lines, weighted by characters. */
  confidence?: number;
}

/**
 * Groups clean lines (reading order) into paragraphs, using layout: vertical gaps, first-line
 * indents, hanging indents of numbered items, font size changes, short last lines; then labels
 * and classifies each paragraph.
 */
export function buildParagraphs(lines: Line[], bodySize: number): ParagraphDraft[] {
  const spacing = typicalLineSpacing(lines, bodySize);
  // How low body text goes on the fullest pages: a page whose text stops well above that ended a paragraph.
  const lowest = new Map<number, number>();
  for (const l of lines) if (Math.abs(l.size - (l.bodySize ?? bodySize)) <= 0.5) lowest.set(l.column, Math.min(lowest.get(l.column) ?? Infinity, l.y));
  const context: FlowContext = { spacing, bodySize, lowest };
  const blocks: Line[][] = [];
  let current: Line[] = [];
  for (const line of lines) {
    const prev = current[current.length - 1];
    if (prev && startsNewParagraph(prev, line, current, context)) {
      blocks.push(current);
      current = [];
    }
    current.push(line);
  }
  if (current.length > 0) blocks.push(current);

  const vocabulary = buildVocabulary(lines.map((l) => normalizeLine(l.text)));
  const raw = blocks
    .map((block) => ({ block, text: joinLines(block.map((l) => l.text), vocabulary) }))
    .filter((b) => b.text !== '');
  return classify(raw, bodySize);
}

const isHeadingSize = (line: Line, bodySize: number) => line.size >= RULES.headingSize * (line.bodySize ?? bodySize);
const sameFlow = (a: Line, b: Line) => a.page === b.page && a.column === b.column;
const ENDS_CLAUSE = /[.;:!?,]["”’')\]]?$/;
const ENDS_SENTENCE = /[.;:!?]["”’')\]]?$/;
const STARTS_LIKE_PARAGRAPH = /^[\p{Lu}\d“"'(•]/u;

/** Median distance between consecutive baselines of body text, per point of font size. */
function typicalLineSpacing(lines: Line[], bodySize: number): number {
  const ratios: number[] = [];
  for (let i = 1; i < lines.length; i++) {
    const a = lines[i - 1];
    const b = lines[i];
    const body = b.bodySize ?? bodySize;
    if (!sameFlow(a, b) || Math.abs(a.size - body) > 0.5 || Math.abs(b.size - body) > 0.5) continue;
    const d = a.y - b.y;
    if (d > 0.5 * b.size && d < 3 * b.size) ratios.push(d / b.size);
  }
  if (ratios.length === 0) return 1.2;
  ratios.sort((x, y) => x - y);
  return ratios[Math.floor(ratios.length / 2)];
}

function isIndented(line: Line): boolean {
  return line.x0 > line.columnLeft + RULES.indent * line.size;
}

function isShort(line: Line): boolean {
  const width = line.columnRight - line.columnLeft;
  return width > 0 && line.x1 < line.columnRight - RULES.shortLine * width;
}

/**
 * True when the first word of `line` would have fitted at the end of `prev`: the writer (or the
 * typesetter) broke the line on purpose, so `prev` ended its paragraph.
 */
function firstWordWouldFit(prev: Line, line: Line): boolean {
  const firstWord = line.text.split(' ')[0] ?? '';
  const charWidth = (line.x1 - line.x0) / Math.max(1, line.text.length);
  const room = prev.columnRight - prev.x1;
  return room > (firstWord.length + 3) * charWidth;
}

/** x where the text after a label starts on the first line (the hanging indent of a numbered item). */
function hangingX(first: Line, label: Label): number | null {
  for (const [offset, x] of first.offsets) if (offset >= label.length) return x;
  return null;
}

interface FlowContext {
  spacing: number;
  bodySize: number;
  /** Lowest body baseline per column across the document. */
  lowest: Map<number, number>;
}

function startsNewParagraph(prev: Line, line: Line, block: Line[], { spacing, bodySize, lowest }: FlowContext): boolean {
  // A paragraph is read from the text layer or by OCR, never both (a scanned page after a text page).
  if ((prev.confidence === undefined) !== (line.confidence === undefined)) return true;
  const prevHeading = isHeadingSize(prev, bodySize);
  const heading = isHeadingSize(line, bodySize);
  if (prevHeading !== heading) return true;
  if (heading) {
    // Multi-line headings: same size, close together, same flow.
    return !(sameFlow(prev, line) && Math.abs(prev.size - line.size) < 0.6 && prev.y - line.y <= 1.8 * line.size);
  }
  const label = readLabel(line.text);
  if (!sameFlow(prev, line)) {
    // Page or column break: continue the paragraph unless the new line looks like a beginning.
    if (isIndented(line)) return true;
    if (label && ENDS_CLAUSE.test(prev.text)) return true;
    const endedEarly = prev.y - (lowest.get(prev.column) ?? prev.y) > 3 * spacing * prev.size;
    if (ENDS_CLAUSE.test(prev.text) && STARTS_LIKE_PARAGRAPH.test(line.text) && firstWordWouldFit(prev, line)) return true;
    return ENDS_SENTENCE.test(prev.text) && STARTS_LIKE_PARAGRAPH.test(line.text) && (isShort(prev) || endedEarly);
  }
  const gap = prev.y - line.y;
  const expected = spacing * Math.max(line.size, prev.size);
  if (gap <= 0 || gap > RULES.paragraphGap * expected) return true;
  if (Math.abs(line.size - prev.size) > 0.6) return true;
  if (label && (ENDS_CLAUSE.test(prev.text) || isShort(prev) || Math.abs(line.x0 - prev.x0) > 2)) return true;
  if (line.x0 > prev.x0 + RULES.indent * line.size && isIndented(line)) {
    // Indented relative to the previous line: a first-line indent, unless it is the hanging
    // indent of a numbered or bulleted item that is still running.
    const first = block[0];
    const firstLabel = readLabel(first.text);
    const hang = firstLabel ? hangingX(first, firstLabel) : null;
    const continuesItem = firstLabel !== null && (hang === null ? line.x0 <= first.x0 + 4 * line.size : Math.abs(line.x0 - hang) <= 2);
    if (!continuesItem) return true;
  }
  // A short line that closes a sentence (or a clause, when the next line is indented) ended its paragraph.
  const closes = ENDS_SENTENCE.test(prev.text) || (ENDS_CLAUSE.test(prev.text) && isIndented(line));
  if (closes && isShort(prev) && STARTS_LIKE_PARAGRAPH.test(line.text)) return true;
  return ENDS_CLAUSE.test(prev.text) && STARTS_LIKE_PARAGRAPH.test(line.text) && firstWordWouldFit(prev, line);
}

/** UN resolutions print their own title as "79/217. International migration and development". */
const RESOLUTION_TITLE = /^\d{1,3}\/\d{1,4}\.\s+\S/;

/** "The General Assembly," and its French and Spanish forms open the preamble of a resolution. */
const PREAMBLE_OPENER = /^(?:The|L[ae]|L’|L'|El|La)\s?[\p{L}’' -]{3,80},$/u;
const NEXT_LETTER = (c: string) => String.fromCharCode(c.charCodeAt(0) + 1);

function classify(blocks: { block: Line[]; text: string }[], bodySize: number): ParagraphDraft[] {
  const drafts: ParagraphDraft[] = [];
  const hasOperative = blocks.some((b) => readLabel(b.text)?.style === 'decimal' && !looksLikeHeading(b.text, b.block, bodySize));
  // Numbered paragraphs are "operative" in resolutions and declarations; elsewhere they are list items.
  const resolutionLike = blocks.some((b) => RESOLUTION_TITLE.test(b.text) || PREAMBLE_OPENER.test(b.text) || /^The General Assembly,?$/.test(b.text));
  let inPreamble = false;
  let operative: string | null = null;
  let letter: string | null = null;
  for (const { block, text } of blocks) {
    const first = block[0];
    const last = block[block.length - 1];
    let label = readLabel(text);
    let kind: ParagraphKind = 'body';
    let number: string | null = null;
    // "(i)" after "(h)" is the ninth letter, not a Roman one; same for (v) after (u) and (x) after (w).
    if (label?.style === 'roman' && letter !== null && label.value.length === 1 && label.value === NEXT_LETTER(letter)) {
      label = { ...label, style: 'letter' };
    }
    if (looksLikeHeading(text, block, bodySize)) {
      kind = 'heading';
      number = label && label.style !== 'bullet' ? label.value : null;
      operative = null;
      letter = null;
      inPreamble = false;
    } else if (label?.style === 'decimal') {
      kind = resolutionLike ? 'operative' : 'list-item';
      number = label.value;
      operative = label.value;
      letter = null;
      inPreamble = false;
    } else if (label?.style === 'letter') {
      kind = 'list-item';
      letter = label.value;
      number = operative ? `${operative}(${label.value})` : `(${label.value})`;
    } else if (label?.style === 'roman') {
      kind = 'list-item';
      const parent = letter ? `${operative ?? ''}(${letter})` : operative ?? '';
      number = `${parent}(${label.value})`;
    } else if (label?.style === 'named') {
      number = label.value;
      kind = inPreamble ? 'preambular' : 'body';
    } else if (label?.style === 'bullet' || label?.style === 'outline') {
      kind = 'list-item';
      number = label.style === 'outline' ? label.value : null;
    } else if (inPreamble) {
      kind = 'preambular';
    }
    if (kind === 'body' && hasOperative && operative === null && PREAMBLE_OPENER.test(text)) inPreamble = true;
    drafts.push({
      number,
      page: first.page,
      pageEnd: last.page,
      kind,
      text: label?.style === 'bullet' ? text.slice(label.length).trim() : text,
      size: first.size,
      ...blockConfidence(block),
    });
  }
  return drafts;
}

function blockConfidence(block: Line[]): { confidence?: number } {
  let weighted = 0;
  let chars = 0;
  for (const line of block) {
    if (line.confidence === undefined) continue;
    weighted += line.confidence * line.text.length;
    chars += line.text.length;
  }
  return chars > 0 ? { confidence: Math.round((weighted / chars) * 100) / 100 } : {};
}

function looksLikeHeading(text: string, block: Line[], bodySize: number): boolean {
  if (isHeadingSize(block[0], bodySize)) return true;
  const words = text.split(/\s+/).length;
  if (words > 14) return false;
  const label = readLabel(text);
  // "II. Las Obligaciones Legislativas de los Estados Partes." is a section title despite its full stop.
  if (label && ['upper-roman', 'upper-letter'].includes(label.style) && !/[;:,]$/.test(text)) return block.length <= 2;
  if (/[.;:,]$/.test(text)) return false;
  if (label && ['outline', 'decimal'].includes(label.style)) return block.length <= 2;
  // Short lines in capitals ("EXECUTIVE SUMMARY", "ANNEX").
  const letters = text.replace(/[^\p{L}]/gu, '');
  return letters.length >= 4 && letters === letters.toUpperCase() && block.length <= 2;
}
