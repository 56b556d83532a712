/** Plain-text tables for the console (and Markdown-compatible, so they can be pasted into the README). */

export type Cell = string | number | null | undefined;

/** Formats a number with a sensible number of significant digits and thousands separators. */
export function formatNumber(n: number): string {
  if (!Number.isFinite(n)) return n > 0 ? '∞' : String(n);
  const abs = Math.abs(n);
  const digits = abs >= 100 ? 0 : abs >= 10 ? 1 : abs >= 1 ? 2 : 3;
  return n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: 0 });
}

function show(cell: Cell): string {
  if (cell === null || cell === undefined) return '–';
  return typeof cell === 'number' ? formatNumber(cell) : cell;
}

/** Renders rows under a header as a Markdown table, numbers right-aligned. */
export function renderTable(header: string[], rows: Cell[][]): string {
  if (rows.some((r) => r.length !== header.length)) {
    throw new RangeError(`every row needs ${header.length} cells`);
  }
  const text = rows.map((r) => r.map(show));
  const numeric = header.map((_, i) => rows.length > 0 && rows.every((r) => typeof r[i] === 'number' || r[i] === null || r[i] === undefined));
  const width = header.map((h, i) => Math.max(h.length, 3, ...text.map((r) => r[i].length)));
  const pad = (s: string, i: number) => (numeric[i] ? s.padStart(width[i]) : s.padEnd(width[i]));
  const line = (cells: string[]) => `| ${cells.map(pad).join(' | ')} |`;
  const rule = `|${width.map((w, i) => (numeric[i] ? `${'-'.repeat(w + 1)}:` : '-'.repeat(w + 2))).join('|')}|`;
  return [line(header), rule, ...text.map(line)].join('\n');
}

/** "3.4×" for ratios, "–" when the ratio could not be formed. */
export function times(r: number | null): string {
  return r === null ? '–' : `${formatNumber(r)}×`;
}

export function megabytes(bytes: number): string {
  return `${formatNumber(bytes / 1e6)} MB`;
}
