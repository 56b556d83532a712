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

// Letters and digits; hyphens, slashes and apostrophes split words ("whole-of-government" gives
// three tokens), which lets the lexicon write either spelling and match both.
const WORD = /[\p{L}\p{N}]+/gu;
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

export function tokenise(text: string): RawToken[] {
  const tokens: RawToken[] = [];
  for (const m of text.matchAll(WORD)) {
    const start = m.index ?? 0;
    // stem/stop are filled in by analyse(); declaring them here keeps one object shape.
    tokens.push({ norm: normaliseWord(m[0]), stem: '', stop: false, start, end: start + m[0].length } as RawToken);
  }
  return tokens;
}
