/**
 * Tokenising with character offsets into the ORIGINAL text, so that every keyword hit can point
 * at the exact span a reader sees. Normalisation (case, ligatures, diacritics, curly quotes) is
 * applied per token, never to the text as a whole, which keeps offsets exact.
 */

export interface RawToken {
  /** Normalised surface form: lowercase, no diacritics, ligatures expanded. */
  norm: string;
  start: number;
  end: number;
}

// A word is a run of letters and digits (Unicode \p{L} and \p{N}); hyphens, slashes and
// apostrophes split words ("whole-of-government" gives three tokens), which lets the lexicon write
// either spelling and match both.
const MARKS = /\p{M}+/gu;

/** Lowercase, expand compatibility forms (ﬁ → fi) and strip diacritics (é → e). */
export function normaliseWord(word: string): string {
  // Fast path: plain ASCII words (the vast majority) need only lowercasing.
  if (ASCII.test(word)) return word.toLowerCase();
  return word.normalize('NFKD').replace(MARKS, '').toLowerCase().replace(/[œæß]/g, (c) => LIGATURES[c]);
}

// Letters that NFKD leaves alone but that documents spell both ways ("main-d'œuvre").
const LIGATURES: Record<string, string> = { œ: 'oe', æ: 'ae', ß: 'ss' };

const ASCII = /^[\x00-\x7f]*$/;

/** Whether a non-ASCII code point is a letter or a digit. */
const WORD_CHAR = /^[\p{L}\p{N}]$/u;

/**
 * Scans the text once by character code: ASCII letters and digits (nearly all text here) are
 * classified without a regular expression, and only other code points are tested against the class:
 * the tokens are exactly the matches of /[\p{L}\p{N}]+/gu (tested), found several times faster.
 */
export function tokenise(text: string): RawToken[] {
  const tokens: RawToken[] = [];
  const n = text.length;
  let i = 0;
  while (i < n) {
    let c = text.charCodeAt(i);
    // Skip to the start of the next word.
    let width = 1;
    if (c < 128) {
      if (!isAsciiWord(c)) { i++; continue; }
    } else {
      const cp = text.codePointAt(i)!;
      width = cp > 0xffff ? 2 : 1;
      if (!WORD_CHAR.test(String.fromCodePoint(cp))) { i += width; continue; }
    }
    const start = i;
    let ascii = c < 128;
    i += width;
    while (i < n) {
      c = text.charCodeAt(i);
      if (c < 128) {
        if (!isAsciiWord(c)) break;
        i++;
      } else {
        const cp = text.codePointAt(i)!;
        const w = cp > 0xffff ? 2 : 1;
        if (!WORD_CHAR.test(String.fromCodePoint(cp))) break;
        ascii = false;
        i += w;
      }
    }
    const word = text.slice(start, i);
    // stem/stop are filled in by analyse(); declaring them here keeps one object shape.
    tokens.push({ norm: ascii ? word.toLowerCase() : normaliseWord(word), stem: '', stop: false, start, end: i } as RawToken);
  }
  return tokens;
}

function isAsciiWord(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57);
}
