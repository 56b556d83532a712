/**
 * Character-level clean-up of line text and the joining of lines into paragraph text.
 */

const LIGATURES: Record<string, string> = {
  '\uFB00': 'ff',
  '\uFB01': 'fi',
  '\uFB02': 'fl',
  '\uFB03': 'ffi',
  '\uFB04': 'ffl',
  '\uFB05': 'st',
  '\uFB06': 'st',
  '\u0132': 'IJ',
  '\u0133': 'ij',
};

/** Private-use glyphs that Symbol/Wingdings fonts use for bullets, and other bullet shapes. */
const BULLET_GLYPHS = /[\uF0B7\uF0A7\uF076\uF0D8\uF0FC\uF0A8\uF0E0\u25AA\u25CF\u25E6\u25A0\u25A1\u27A2\u25BA\u2023\u2043\u2219]/g;

/** Normalises one line: ligatures, odd spaces, invisible characters, bullet glyphs. */
export function normalizeLine(text: string): string {
  return text
    .normalize('NFC')
    .replace(/[\uFB00-\uFB06\u0132\u0133]/g, (c) => LIGATURES[c] ?? c)
    .replace(BULLET_GLYPHS, '•')
    .replace(/[\u200B-\u200D\u2060\uFEFF]/g, '')
    .replace(/[\u00A0\u2000-\u200A\u202F\u205F\u3000\t]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

/**
 * Words seen in the document, used to decide whether a line-end hyphen is a soft break
 * ("migra-" + "tion" -> "migration") or part of a compound ("cross-" + "border").
 */
export interface Vocabulary {
  words: Set<string>;
  compounds: Set<string>;
}

export function buildVocabulary(lines: string[]): Vocabulary {
  const words = new Set<string>();
  const compounds = new Set<string>();
  for (const line of lines) {
    // Skip the last token of each line: it may be a fragment of a hyphenated word.
    const tokens = line.toLowerCase().split(/\s+/);
    tokens.pop();
    for (const token of tokens) {
      const clean = token.replace(/^[^\p{L}\d]+|[^\p{L}\d]+$/gu, '');
      if (!clean) continue;
      if (/^[\p{L}]+(?:-[\p{L}\d]+)+$/u.test(clean)) compounds.add(clean);
      else if (/^\p{L}+$/u.test(clean)) words.add(clean);
    }
  }
  return { words, compounds };
}

/**
 * Prefixes that form compounds with a hyphen in the kinds of documents we read; used only when the
 * document itself gives no evidence either way.
 */
const COMPOUND_PREFIXES = new Set([
  // Only words that rarely begin a longer word, so that a soft break ("follow-ing", "re-ported",
  // "state-ment") is not mistaken for a compound when the document offers no evidence.
  'self', 'cross', 'non', 'well', 'long', 'short', 'mid', 'small', 'large', 'gender', 'country', 'people',
  'migrant', 'community', 'evidence', 'rights', 'whole', 'city', 'decision', 'policy', 'north', 'south',
  'east', 'west', 'sex', 'twenty', 'thirty', 'forty', 'fifty', 'sixty', 'seventy', 'eighty', 'ninety',
]);

const LINE_END_HYPHEN = /(\p{L}+)[-\u2010\u00AD]$/u;
const LINE_START_WORD = /^(\p{L}+)/u;

/** Joins the lines of one paragraph into a single clean string. */
export function joinLines(lines: string[], vocabulary: Vocabulary): string {
  let text = '';
  for (const raw of lines) {
    const line = normalizeLine(raw);
    if (!line) continue;
    if (!text) {
      text = line;
      continue;
    }
    text = joinPair(text, line, vocabulary);
  }
  return text.replace(/\s+/g, ' ').trim();
}

function joinPair(before: string, after: string, vocabulary: Vocabulary): string {
  if (before.endsWith('\u00AD')) return before.slice(0, -1) + after; // soft hyphen: always a break
  const end = LINE_END_HYPHEN.exec(before);
  if (!end) {
    // A hyphen after a digit ("2015-" + "2030") or a slash joins without a space; anything else is a word break.
    if (/\d[-\u2010]$|\/$/.test(before)) return before + after;
    return `${before} ${after}`;
  }
  const start = LINE_START_WORD.exec(after);
  // Capitals and digits after the hyphen ("COVID-" + "19", "Asia-" + "Pacific") keep it.
  if (!start || !/^\p{Ll}/u.test(start[1])) return before + after;
  const first = end[1].toLowerCase();
  const second = start[1].toLowerCase();
  const stem = before.slice(0, -1);
  if (vocabulary.compounds.has(`${first}-${second}`)) return before + after;
  if (vocabulary.words.has(first + second)) return stem + after;
  if (COMPOUND_PREFIXES.has(first)) return before + after;
  return stem + after;
}
