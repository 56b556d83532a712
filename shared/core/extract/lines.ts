import { RULES } from './settings';
import type { Line, RawPage, TextItem } from './model';

/**
 * Turns the positioned text items of one page into visual lines in reading order.
 * - Items whose baselines nearly match form a row; raised, smaller items (footnote markers) join
 *   the row they sit on and are dropped from its text ("Development¹" -> "Development").
 * - A page with an empty vertical gutter near its middle is read as two columns: rows that cross
 *   the gutter (titles, tables) are emitted in place, column text is read left column first.
 */
export function pageLines(page: RawPage): Line[] {
  const visible = page.items.filter((item) => item.str.trim() !== '');
  if (visible.length === 0) return [];
  const rows = groupRows(page.items);
  const gutter = findGutter(rows, page.width);
  if (!gutter) {
    // No gutter runs down the whole page; columns may still change width between sections.
    const banded = bandedColumns(rows, page.width, page.height);
    return toLines(banded ?? rows.map((items) => ({ items, column: 0 })), page);
  }
  const ordered: { items: TextItem[]; column: number }[] = [];
  let left: TextItem[][] = [];
  let right: TextItem[][] = [];
  const flush = () => {
    for (const s of left) ordered.push({ items: s, column: 0 });
    for (const s of right) ordered.push({ items: s, column: 1 });
    left = [];
    right = [];
  };
  for (const row of rows) {
    if (spansGutter(row, gutter)) {
      flush();
      ordered.push({ items: row, column: 0 });
      continue;
    }
    const l = row.filter((item) => item.x + item.width / 2 < gutter.centre);
    const r = row.filter((item) => item.x + item.width / 2 >= gutter.centre);
    if (l.some(isVisible)) left.push(l);
    if (r.some(isVisible)) right.push(r);
  }
  flush();
  return toLines(ordered, page, gutter);
}

interface Gutter {
  from: number;
  to: number;
  centre: number;
}

/** x positions (1 pt steps) between lo and hi that the row's text covers. */
function coverage(row: TextItem[], lo: number, hi: number): boolean[] {
  const covered = new Array<boolean>(hi - lo + 1).fill(false);
  for (const item of row) {
    if (!isVisible(item)) continue;
    for (let x = Math.max(lo, Math.floor(item.x)); x <= Math.min(hi, Math.ceil(item.x + item.width)); x++) covered[x - lo] = true;
  }
  return covered;
}

/** Widest run of open positions at least `minWidth` wide, as a gutter. */
function widestRun(open: boolean[], lo: number, minWidth: number): Gutter | null {
  let best: Gutter | null = null;
  let start = -1;
  for (let i = 0; i <= open.length; i++) {
    const isOpen = i < open.length && open[i];
    if (isOpen && start < 0) start = i;
    if (!isOpen && start >= 0) {
      const from = lo + start;
      const to = lo + i - 1;
      if (to - from >= minWidth && (!best || to - from > best.to - best.from)) best = { from, to, centre: (from + to) / 2 };
      start = -1;
    }
  }
  return best;
}

/**
 * Sweeps the rows top-down and cuts the page into bands, each with its own gutter (or none):
 * evaluation briefs change the column split between sections. A band is read as two columns when
 * it has enough rows with text on both sides of its gutter. Null when no band has two columns.
 */
function bandedColumns(rows: TextItem[][], pageWidth: number, pageHeight: number): { items: TextItem[]; column: number }[] | null {
  const lo = Math.floor(pageWidth * RULES.gutterRange[0]);
  const hi = Math.ceil(pageWidth * RULES.gutterRange[1]);
  const bands: { rows: TextItem[][]; open: boolean[] }[] = [];
  let current: { rows: TextItem[][]; open: boolean[] } | null = null;
  for (const row of rows) {
    if (!row.some(isVisible)) continue;
    const free = coverage(row, lo, hi).map((c) => !c);
    if (current) {
      const narrowed = current.open.map((o, i) => o && free[i]);
      if (widestRun(narrowed, lo, RULES.gutterMinWidth)) {
        current.rows.push(row);
        current.open = narrowed;
        continue;
      }
    }
    current = { rows: [row], open: free };
    bands.push(current);
  }
  let split = false;
  const ordered: { items: TextItem[]; column: number }[] = [];
  for (const band of bands) {
    const gutter = widestRun(band.open, lo, RULES.gutterMinWidth);
    // Count only rows of the page body: a footer's page counter is not a column.
    const margin = pageHeight * RULES.marginBand;
    const body = band.rows.filter((r) => r[0].y > margin && r[0].y < pageHeight - margin);
    const leftRows = gutter ? body.filter((r) => r.some((i) => isVisible(i) && i.x + i.width <= gutter.from + 1)).length : 0;
    const rightRows = gutter ? body.filter((r) => r.some((i) => isVisible(i) && i.x >= gutter.to - 1)).length : 0;
    const twoColumns = gutter !== null && Math.min(leftRows, rightRows) >= Math.max(4, 0.4 * body.length);
    if (!twoColumns) {
      for (const items of band.rows) ordered.push({ items, column: 0 });
      continue;
    }
    split = true;
    const right: TextItem[][] = [];
    for (const row of band.rows) {
      const l = row.filter((item) => item.x + item.width / 2 < gutter.centre);
      const r = row.filter((item) => item.x + item.width / 2 >= gutter.centre);
      if (l.some(isVisible)) ordered.push({ items: l, column: 0 });
      if (r.some(isVisible)) right.push(r);
    }
    for (const items of right) ordered.push({ items, column: 1 });
  }
  return split ? ordered : null;
}

const isVisible = (item: TextItem) => item.str.trim() !== '';

function crosses(item: TextItem, gutter: Gutter): boolean {
  return isVisible(item) && item.x < gutter.from && item.x + item.width > gutter.to;
}

/** A row is full-width when one item crosses the gutter or its words run on across it. */
function spansGutter(row: TextItem[], gutter: Gutter): boolean {
  if (row.some((item) => crosses(item, gutter))) return true;
  const visible = row.filter(isVisible);
  for (let i = 1; i < visible.length; i++) {
    const a = visible[i - 1];
    const b = visible[i];
    const straddles = a.x + a.width / 2 < gutter.centre && b.x + b.width / 2 >= gutter.centre;
    if (straddles && b.x - (a.x + a.width) < 0.3 * Math.max(a.size, b.size)) return true;
  }
  return false;
}

/** Rows of items sharing a baseline, top of the page first, each sorted left to right. */
function groupRows(items: TextItem[]): TextItem[][] {
  const sorted = [...items].sort((a, b) => b.y - a.y || a.x - b.x);
  const rows: { y: number; size: number; items: TextItem[] }[] = [];
  for (const item of sorted) {
    const size = Math.max(item.size, 1);
    // Compare against the last few rows: a raised superscript may have opened a row just above.
    let target: (typeof rows)[number] | undefined;
    for (let i = rows.length - 1; i >= Math.max(0, rows.length - 3); i--) {
      const row = rows[i];
      if (Math.abs(row.y - item.y) <= RULES.sameLineTolerance * Math.max(size, row.size)) {
        target = row;
        break;
      }
    }
    if (!target) {
      rows.push({ y: item.y, size, items: [item] });
      continue;
    }
    target.items.push(item);
    if (isVisible(item) && size > target.size) {
      // The largest text on the row defines its baseline (superscripts sit above it).
      target.size = size;
      target.y = item.y;
    }
  }
  // Superscripts raised more than the tolerance form a row of their own: put them back on the
  // line they belong to (the one just below, whose text they sit inside).
  const merged: typeof rows = [];
  for (let i = 0; i < rows.length; i++) {
    const row = rows[i];
    const below = rows[i + 1];
    const visible = row.items.filter(isVisible);
    const markerRow =
      below !== undefined &&
      visible.length > 0 &&
      visible.every((item) => MARKER_LIKE.test(item.str.trim()) && item.size <= RULES.superscriptMaxSize * below.size) &&
      row.y - below.y < 0.9 * below.size &&
      row.y > below.y;
    if (markerRow) for (const item of row.items) below.items.push(item);
    else merged.push(row);
  }
  return merged.map((r) => r.items.sort((a, b) => a.x - b.x));
}

/**
 * Looks for an x-range near the page middle that (almost) no row's text crosses, with text on both
 * sides in a good share of rows. Returns null for single-column pages.
 */
function findGutter(rows: TextItem[][], pageWidth: number): Gutter | null {
  const textRows = rows.filter((r) => r.some(isVisible));
  if (textRows.length < 6 || pageWidth <= 0) return null;
  const lo = Math.floor(pageWidth * RULES.gutterRange[0]);
  const hi = Math.ceil(pageWidth * RULES.gutterRange[1]);
  const crossing = new Array<number>(hi - lo + 1).fill(0);
  for (const row of textRows) {
    const covered = new Set<number>();
    for (const item of row) {
      if (!isVisible(item)) continue;
      for (let x = Math.max(lo, Math.floor(item.x)); x <= Math.min(hi, Math.ceil(item.x + item.width)); x++) covered.add(x);
    }
    for (const x of covered) crossing[x - lo]++;
  }
  const allowed = Math.floor(textRows.length * RULES.gutterMaxCrossing);
  let best: Gutter | null = null;
  let runStart = -1;
  for (let i = 0; i <= crossing.length; i++) {
    const open = i < crossing.length && crossing[i] <= allowed;
    if (open && runStart < 0) runStart = i;
    if (!open && runStart >= 0) {
      const from = lo + runStart;
      const to = lo + i - 1;
      if (to - from >= RULES.gutterMinWidth && (!best || to - from > best.to - best.from)) {
        best = { from, to, centre: (from + to) / 2 };
      }
      runStart = -1;
    }
  }
  if (!best) return null;
  const g = best;
  const leftRows = textRows.filter((r) => r.some((i) => isVisible(i) && i.x + i.width <= g.from + 1)).length;
  const rightRows = textRows.filter((r) => r.some((i) => isVisible(i) && i.x >= g.to - 1)).length;
  // Both columns must carry real text; a ragged right margin alone is not a second column.
  if (leftRows < textRows.length * 0.3 || rightRows < textRows.length * 0.3) return null;
  return g;
}

function toLines(segments: { items: TextItem[]; column: number }[], page: RawPage, gutter?: Gutter): Line[] {
  const lines: Line[] = [];
  for (const segment of segments) {
    const line = buildLine(segment.items, page, segment.column);
    if (line) lines.push(line);
  }
  // Column edges: where most lines of the column start, and how far the longest ones reach.
  for (const column of [0, 1]) {
    const own = lines.filter((l) => l.column === column);
    if (own.length === 0) continue;
    const left = modeOf(own.map((l) => Math.round(l.x0)));
    // Right edge from the body of the page (running heads often reach further), robust to a few
    // wide rows on a full page; on a page with few lines, simply the widest line.
    const band = page.height * RULES.marginBand;
    const body = own.filter((l) => l.y > band && l.y < page.height - band);
    const rights = (body.length > 0 ? body : own).map((l) => l.x1).sort((a, b) => a - b);
    const right = rights.length < 10 ? rights[rights.length - 1] : rights[Math.floor((rights.length - 1) * 0.9)];
    for (const l of own) {
      l.columnLeft = left;
      l.columnRight = gutter && column === 0 ? Math.min(right, gutter.from) : right;
    }
  }
  return lines;
}

function modeOf(values: number[]): number {
  const counts = new Map<number, number>();
  let best = values[0];
  for (const v of values) {
    const c = (counts.get(v) ?? 0) + 1;
    counts.set(v, c);
    if (c > (counts.get(best) ?? 0) || (c === counts.get(best) && v < best)) best = v;
  }
  return best;
}

const MARKER_LIKE = /^[\d*†‡§,\s]+$|^[a-z]$/;

function buildLine(items: TextItem[], page: RawPage, column: number): Line | null {
  const visible = items.filter(isVisible);
  if (visible.length === 0) return null;
  // Dominant size: the size carrying most characters.
  const weight = new Map<number, number>();
  for (const item of visible) {
    const key = Math.round(item.size * 2) / 2;
    weight.set(key, (weight.get(key) ?? 0) + item.str.length);
  }
  const size = [...weight.entries()].sort((a, b) => b[1] - a[1] || b[0] - a[0])[0][0];
  const baseline = visible.filter((i) => Math.abs(Math.round(i.size * 2) / 2 - size) < 0.01)[0]?.y ?? visible[0].y;

  let text = '';
  let leadingMarker: string | null = null;
  let prevEnd: number | null = null;
  let firstX: number | null = null;
  const offsets: Array<[number, number]> = [];
  for (let i = 0; i < visible.length; i++) {
    const item = visible[i];
    // A footnote marker is smaller than, and raised above, the text it is attached to.
    const neighbour = i > 0 ? visible[i - 1] : visible[i + 1];
    const isSuperscript =
      neighbour !== undefined &&
      item.size <= RULES.superscriptMaxSize * neighbour.size &&
      item.y - neighbour.y > 0.15 * neighbour.size &&
      MARKER_LIKE.test(item.str.trim());
    if (isSuperscript) {
      // A marker before any text is the footnote's own number; elsewhere it is a reference to drop.
      if (text === '') leadingMarker = (leadingMarker ?? '') + item.str.trim();
      // The gap the marker filled is not a word space ("Convention², and" -> "Convention, and").
      else prevEnd = item.x + item.width;
      continue;
    }
    if (text !== '') {
      // Spaces come from geometry, not from the blank runs some producers emit: Word, for one,
      // writes narrow space glyphs inside words ("su stainable") that are not word breaks.
      const gap = prevEnd === null ? 0 : item.x - prevEnd;
      // OCR items are words by construction: always a space between them.
      const spaced = gap > RULES.wordGap * size || /^\s/.test(item.str) || item.confidence !== undefined;
      if (spaced && !/\s$/.test(text)) text += ' ';
    }
    firstX ??= item.x;
    offsets.push([text.length, item.x]);
    text += item.str;
    prevEnd = item.x + item.width;
  }
  text = text.replace(/\s+/g, ' ').trim();
  if (text === '') return null;
  return {
    page: page.number,
    column,
    y: baseline,
    x0: firstX ?? visible[0].x,
    // A loop, not Math.max(...): a row can hold more items than the call stack has room for arguments.
    x1: visible.reduce((max, i) => Math.max(max, i.x + i.width), -Infinity),
    size,
    text,
    leadingMarker,
    columnLeft: 0,
    columnRight: page.width,
    pageHeight: page.height,
    offsets,
    ...lineConfidence(visible),
  };
}

/** OCR lines carry their words' mean confidence, weighted by characters; text-layer lines nothing. */
function lineConfidence(items: TextItem[]): { confidence?: number } {
  let weighted = 0;
  let chars = 0;
  for (const item of items) {
    if (item.confidence === undefined) continue;
    weighted += item.confidence * item.str.length;
    chars += item.str.length;
  }
  return chars > 0 ? { confidence: weighted / chars } : {};
}
