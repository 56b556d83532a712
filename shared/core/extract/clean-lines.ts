import { RULES } from './settings';
import type { Line } from './model';

/**
 * Page furniture removal on the lines of the whole document:
 * running headers/footers (repeated margin lines, document symbols, job numbers, page counters,
 * page numbers) and footnote blocks. Returns the lines that carry the document's own text.
 */
export function cleanLines(lines: Line[], pageCount: number, bodySize = dominantSize(lines)): Line[] {
  const repeated = repeatedMarginKeys(lines, pageCount);
  const kept = lines.filter((line) => !isFurniture(line, repeated));
  return dropFootnotes(kept, bodySize);
}

/** The font size carrying most characters: the size of the body text. */
export function dominantSize(lines: Line[]): number {
  const weight = new Map<number, number>();
  for (const line of lines) weight.set(line.size, (weight.get(line.size) ?? 0) + line.text.length);
  let best = 10;
  let bestWeight = -1;
  for (const [size, w] of weight) {
    if (w > bestWeight) {
      best = size;
      bestWeight = w;
    }
  }
  return best;
}

export function inMargin(line: Line): boolean {
  const band = line.pageHeight * RULES.marginBand;
  return line.y > line.pageHeight - band || line.y < band;
}

/** UN-style document symbols: A/RES/79/217, A/79/L.12, E/CN.6/2024/3, HRC/RES/55/10. */
export const DOCUMENT_SYMBOL = /\b[A-Z]{1,6}(?:\.\d+)?(?:\/[A-Za-z0-9.\-]+){2,}/;
const JOB_NUMBER = /^\d{2}-\d{5}(?:\s*\([A-Z]\))?$/;
const FURNITURE_TOKEN = [
  /^\d{1,4}$/, // page number
  /^\d{1,4}\/\d{1,4}$/, // page counter 2/10
  /^[ivxlc]{1,6}$/i, // roman page number
  /^(?:page|p\.|pag\.|página|of|sur|de)$/i,
  /^\d{2}-\d{5}$/, // job number
  /^\([A-Z]\)$/, // language tag of a job number: (E), (F), (S)
  /^\*\d{5,}\*$/, // bar code text
  /^[-–—|•]$/,
];

/**
 * Key of a margin line for repetition counting: page numbers vary from page to page (and may sit on
 * the same line as a running title), and the order of title and symbol flips on even pages.
 */
function marginKey(text: string): string {
  return text
    .toLowerCase()
    .replace(/\d+/g, '#')
    .split(/\s+/)
    .filter((token) => token !== '' && !/^[#/]+$/.test(token))
    .sort()
    .join(' ');
}

function repeatedMarginKeys(lines: Line[], pageCount: number): Set<string> {
  const pagesByKey = new Map<string, Set<number>>();
  for (const line of lines) {
    if (!inMargin(line)) continue;
    const key = marginKey(line.text);
    const pages = pagesByKey.get(key) ?? new Set<number>();
    pages.add(line.page);
    pagesByKey.set(key, pages);
  }
  const needed = Math.max(2, Math.ceil(pageCount * RULES.repeatedLineShare));
  const repeated = new Set<string>();
  for (const [key, pages] of pagesByKey) if (pages.size >= needed) repeated.add(key);
  return repeated;
}

function isFurniture(line: Line, repeated: Set<string>): boolean {
  const text = line.text.trim();
  if (JOB_NUMBER.test(text)) return true;
  if (!inMargin(line)) return false;
  if (repeated.has(marginKey(text))) return true;
  if (DOCUMENT_SYMBOL.test(text)) return true;
  const tokens = text.split(/\s+/);
  return tokens.every((t) => FURNITURE_TOKEN.some((re) => re.test(t)));
}

const SEPARATOR = /^[_\u2014\u2013\u2012\-]{5,}$/;
const FOOTNOTE_START = /^\d{1,3}[.)]?\s+\S/;

/**
 * Footnotes sit at the bottom of a page, below a short rule (drawn as underscores in UN documents)
 * or, without one, as a run of smaller lines starting with a note number.
 */
function dropFootnotes(lines: Line[], bodySize: number): Line[] {
  const drop = new Set<Line>();
  const groups = new Map<string, Line[]>();
  for (const line of lines) {
    const key = `${line.page}:${line.column}`;
    const group = groups.get(key) ?? [];
    group.push(line);
    groups.set(key, group);
  }
  for (const group of groups.values()) {
    const separator = group.find((l) => SEPARATOR.test(l.text.replace(/\s+/g, '')) && l.y < l.pageHeight / 2);
    if (separator) {
      for (const l of group) if (l === separator || l.y < separator.y) drop.add(l);
      continue;
    }
    // Bottom-up run of small lines.
    const byHeight = [...group].sort((a, b) => a.y - b.y);
    const run: Line[] = [];
    for (const l of byHeight) {
      if (l.size > RULES.footnoteMaxSize * (l.bodySize ?? bodySize)) break;
      run.push(l);
    }
    if (run.length === 0 || run.length === group.length) continue;
    const top = run[run.length - 1];
    if (top.leadingMarker !== null || FOOTNOTE_START.test(top.text)) for (const l of run) drop.add(l);
  }
  return lines.filter((l) => !drop.has(l));
}
