/**
 * Where the matched terms of a tag are in a paragraph, for highlighting: character spans
 * `[start, end)` into the text. Tags keep the classifier's own spans; for results stored before
 * they did, `spansOfTerms` finds the terms again by their wording.
 */
export type Span = [start: number, end: number];

/** Sorted, with overlapping or touching spans joined. */
export function mergeSpans(spans: readonly Span[]): Span[] {
  const sorted = spans.filter(([s, e]) => e > s).map(([s, e]): Span => [s, e]).sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  const out: Span[] = [];
  for (const span of sorted) {
    const last = out[out.length - 1];
    if (last && span[0] <= last[1]) last[1] = Math.max(last[1], span[1]);
    else out.push(span);
  }
  return out;
}

/**
 * Spans of lexicon terms found by their wording: `a ~ b` (words near each other) becomes its parts,
 * `*` any ending, and each word may carry an ending (the classifier matches stems, so "trafficker"
 * also finds "traffickers"). Approximate by design; the stored spans are exact.
 */
export function spansOfTerms(text: string, terms: readonly string[]): Span[] {
  const spans: Span[] = [];
  for (const term of terms) {
    for (const part of term.split('~').map((p) => p.trim()).filter(Boolean)) {
      // Every word may take an ending anyway, so a trailing `*` adds nothing.
      const words = part.split(/\s+/).map((w) => w.replace(/\*/g, '').replace(/[.+?^${}()|[\]\\]/g, '\\$&'));
      if (words.every((w) => w === '')) continue;
      const pattern = new RegExp(`(?<![\\p{L}\\p{N}])${words.map((w) => `${w}[\\p{L}\\p{N}]*`).join('[\\s\\-–]+')}`, 'giu');
      for (const m of text.matchAll(pattern)) spans.push([m.index, m.index + m[0].length]);
    }
  }
  return mergeSpans(spans);
}

/** The text with runs of whitespace made one space and the ends trimmed, with the spans moved along. */
export function collapseWhitespace(text: string, spans: readonly Span[]): { text: string; spans: Span[] } {
  const map: number[] = new Array(text.length + 1);
  let out = '';
  let pendingSpace = false;
  for (let i = 0; i < text.length; i++) {
    map[i] = out.length + (pendingSpace && out.length > 0 && !/\s/.test(text[i]) ? 1 : 0);
    if (/\s/.test(text[i])) {
      pendingSpace = true;
      continue;
    }
    if (pendingSpace && out.length > 0) out += ' ';
    pendingSpace = false;
    out += text[i];
  }
  map[text.length] = out.length;
  const moved = spans.map(([s, e]): Span => [Math.min(map[s] ?? out.length, out.length), Math.min(map[e] ?? out.length, out.length)]);
  return { text: out, spans: mergeSpans(moved) };
}

/**
 * A window of at most `max` characters of the (collapsed) paragraph where it shows the most matched
 * terms whole (the earliest such place, with some text before the first of them), cut at word
 * boundaries and marked with "…" where cut, and the spans that fall inside it, relative to the
 * returned snippet. Evidence snippets are kept short (they are stored in every ranking entry), so
 * where the window sits matters.
 */
export function snippetWithHighlights(text: string, spans: readonly Span[], max: number): { snippet: string; highlights: Span[] } {
  const c = collapseWhitespace(text, spans);
  const clean = c.text;
  if (clean.length <= max) return { snippet: clean, highlights: c.spans };
  let start = windowStart(c.spans, max);
  let end = Math.min(clean.length, start + max);
  start = Math.max(0, end - max);
  // Move to the next word start, unless the window already begins at one (it may begin with a term).
  if (start > 0 && clean[start - 1] !== ' ') start = clean.indexOf(' ', start) + 1 || start;
  if (end < clean.length) {
    // Back to the last word end, unless that would cut a term the window holds.
    const cut = clean.lastIndexOf(' ', end);
    if (cut > start && !c.spans.some(([s, e]) => s < cut && e > cut && e <= end)) end = cut;
  }
  const prefix = start > 0 ? '…' : '';
  const highlights = c.spans
    .map(([s, e]): Span => [Math.max(s, start), Math.min(e, end)])
    .filter(([s, e]) => e > s)
    .map(([s, e]): Span => [s - start + prefix.length, e - start + prefix.length]);
  return { snippet: `${prefix}${clean.slice(start, end)}${end < clean.length ? '…' : ''}`, highlights };
}

/** Start of the window of `max` characters holding the most whole spans, with up to max/3 of lead-in that pushes none of them out. */
function windowStart(spans: readonly Span[], max: number): number {
  if (spans.length === 0) return 0;
  let best = { count: 0, start: spans[0][0], lastEnd: spans[0][1] };
  for (const [from] of spans) {
    const inside = spans.filter(([s, e]) => s >= from && e <= from + max);
    if (inside.length > best.count) best = { count: inside.length, start: from, lastEnd: Math.max(...inside.map(([, e]) => e)) };
  }
  const slack = Math.max(0, best.start + max - best.lastEnd);
  return Math.max(0, best.start - Math.min(Math.floor(max / 3), slack));
}

/** The text cut into plain and highlighted pieces, for rendering. */
export function segments(text: string, spans: readonly Span[]): Array<{ text: string; mark: boolean }> {
  const out: Array<{ text: string; mark: boolean }> = [];
  let at = 0;
  for (const [s, e] of mergeSpans(spans)) {
    const start = Math.max(s, at);
    const end = Math.min(e, text.length);
    if (end <= start) continue;
    if (start > at) out.push({ text: text.slice(at, start), mark: false });
    out.push({ text: text.slice(start, end), mark: true });
    at = end;
  }
  if (at < text.length) out.push({ text: text.slice(at), mark: false });
  return out;
}
