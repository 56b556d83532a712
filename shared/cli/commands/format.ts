/** Plain-text tables for the terminal. */
export function table(header: string[], rows: Array<Array<string | number | null | undefined>>, maxWidth = 60): string {
  const cells = [header, ...rows.map((r) => r.map((c) => (c === null || c === undefined ? '' : String(c))))].map((r) =>
    r.map((c) => (c.length > maxWidth ? `${c.slice(0, maxWidth - 1)}…` : c)),
  );
  const widths = header.map((_, i) => Math.max(...cells.map((r) => (r[i] ?? '').length)));
  return cells.map((r, n) => {
    const line = r.map((c, i) => c.padEnd(widths[i])).join('  ').trimEnd();
    return n === 0 ? `${line}\n${widths.map((w) => '-'.repeat(w)).join('  ')}` : line;
  }).join('\n');
}

export const score = (s: number | null | undefined) => (typeof s === 'number' ? s.toFixed(2) : '');
export const shortId = (id: string) => id.slice(0, 12);
