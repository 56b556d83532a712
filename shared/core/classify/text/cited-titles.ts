/**
 * Character spans of the titles of instruments a paragraph cites: "its resolution 78/180 on
 * trafficking in persons, especially women and children", "the report of the Secretary-General on
 * international migration and development", "the Protocol against the Smuggling of Migrants by Land,
 * Sea and Air". A keyword hit lying wholly inside such a span names the subject of another document,
 * it does not state anything about it: "Recalling its resolution 78/180 on trafficking in persons" is
 * a passing mention, not a paragraph on trafficking. Hits outside the titles still count.
 */

export type Span = readonly [start: number, end: number];

/** Longest title taken after a lower-case introducer ("resolution 70/1 on …"). */
const MAX_TITLE = 200;

/**
 * Lower-case titles: after "resolution(s) N/N [of <date>] on|entitled" and "report(s) of the … on".
 * The title runs to the end of the clause (see CLAUSE_END).
 */
const INTRODUCERS: RegExp[] = [
  /\bresolutions?\s+\d{1,3}\/\d{1,4}(?:\s*[A-Z]\b)?(?:\s+(?:and|of)\s+\d{1,3}\/\d{1,4})*(?:\s+of\s+\d{1,2}\s+[A-Z][a-z]+\s+\d{4})?,?\s+(?:on|entitled)\s+/g,
  /\b(?:report|reports|note|study)\s+of\s+the\s+(?:[A-Z][\w-]*\s+|of\s+|the\s+|on\s+the\s+[A-Z][\w-]*\s+){1,8}?on\s+/g,
  /\bentitled\s+/g,
];

/** Where a lower-case title stops: end of clause, a new clause, or a date/number reference. */
const CLAUSE_END =
  /;|:|\.(?:\s|$)|,\s+(?:and|as well as|which|in which|adopted|including|where|whereby|that|while|recalling|reaffirming|noting|welcoming|stressing|recognizing|recognising|underlining)\b|\s+and\s+(?:its|the|their)\s+|\s+(?:in which|which|that)\s+/i;

/** Title-case instruments: "Convention on …", "Protocol to Prevent, Suppress and Punish …". */
const INSTRUMENT = /\b(?:Convention|Protocol|Covenant|Declaration|Plan of Action|Programme of Action|Guidelines|Principles|Strategy|Framework|Compact|Pact|Agenda)\s+(?:on|against|to|for|of|relating to)\s+/g;

/**
 * Preambular openings of resolutions and declarations. A title-case instrument named in such a
 * paragraph ("Recalling the Protocol against the Smuggling of Migrants…") is cited; named in an
 * operative one ("Urges States to implement the Protocol against the Smuggling of Migrants…") it
 * is the subject of a call to act, so its words count there.
 */
const PREAMBLE = /^\W*(?:\(?[a-z0-9]{1,4}[.)]\s*)?(?:Recalling|Reaffirming|Reiterating|Taking note|Noting|Welcoming|Bearing in mind|Referring|Acknowledging|Recognizing|Recognising|Guided by|Mindful|Aware|Having|Adopts|Endorses)\b/;

/** Small words that may stay lower-case inside a title. */
const TITLE_LINKS = new Set(['the', 'of', 'and', 'in', 'by', 'to', 'for', 'against', 'on', 'a', 'an', 'at', 'from', 'its', 'all', 'with']);

/** Cheap pre-test: most paragraphs cite nothing, and the scans below are not free. */
const MAY_CITE = /resolution|report|note|study|entitled|Convention|Protocol|Covenant|Declaration|Plan|Programme|Guidelines|Principles|Strategy|Framework|Compact|Pact|Agenda/;

export function citedTitleSpans(text: string): Span[] {
  const spans: Span[] = [];
  if (!MAY_CITE.test(text)) return spans;
  for (const re of INTRODUCERS) {
    re.lastIndex = 0;
    for (let m = re.exec(text); m; m = re.exec(text)) {
      const start = m.index + m[0].length;
      // A quoted title ends at its closing quote.
      if (/^["“]/.test(text.slice(start))) {
        const close = text.slice(start + 1).search(/["”]/);
        if (close >= 0) spans.push([start, start + 1 + close + 1]);
        continue;
      }
      const rest = text.slice(start, start + MAX_TITLE);
      const stop = rest.search(CLAUSE_END);
      spans.push([start, start + (stop >= 0 ? stop : rest.length)]);
    }
  }
  if (!PREAMBLE.test(text)) return spans;
  INSTRUMENT.lastIndex = 0;
  for (let m = INSTRUMENT.exec(text); m; m = INSTRUMENT.exec(text)) {
    const start = m.index;
    // Extend over capitalised words, linking words and ", Capitalised" continuations.
    const word = /\s*(,\s*)?([A-Za-z][\w'’-]*)/y;
    word.lastIndex = m.index + m[0].length;
    let end = word.lastIndex;
    let words = 0;
    for (let w = word.exec(text); w; w = word.exec(text)) {
      const token = w[2];
      const capital = /^[A-Z]/.test(token);
      if (!(capital || (!w[1] && TITLE_LINKS.has(token)))) break;
      if (capital) end = word.lastIndex;
      words++;
    }
    if (words > 0 && end > m.index + m[0].length) spans.push([start, end]);
  }
  return spans;
}

/** Whether the character range [start, end) lies wholly inside one of the spans. */
export function insideSpans(spans: readonly Span[], start: number, end: number): boolean {
  for (const [s, e] of spans) if (start >= s && end <= e) return true;
  return false;
}
