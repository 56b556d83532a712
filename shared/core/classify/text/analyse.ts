import { guessLanguage, LANGUAGE_SAMPLE, type Language } from './language';
import { STOPWORDS } from './stopwords';
import { stem } from './stem';
import { tokenise } from './tokenise';

/** One analysed token of a paragraph: offsets into the original text, surface form and stem. */
export interface Token {
  norm: string;
  stem: string;
  stop: boolean;
  start: number;
  end: number;
}

export interface AnalysedText {
  language: Language;
  tokens: Token[];
}

/**
 * Per language, what each word form seen so far is (function word or not, and its stem): one lookup
 * per token instead of two. Bounded like the stem cache; a paragraph stream repeats a few thousand words.
 */
const MAX_WORDS = 200_000;
const WORDS: Record<Language, Map<string, { stop: boolean; stem: string }>> = { en: new Map(), fr: new Map(), es: new Map() };

export function analyse(text: string, language?: Language): AnalysedText {
  const raw = tokenise(text);
  const lang = language ?? guessLanguage(raw.slice(0, LANGUAGE_SAMPLE).map((t) => t.norm));
  const stops = STOPWORDS[lang];
  const known = WORDS[lang];
  // RawTokens are extended in place (one object per token, not two): this runs for every paragraph.
  const tokens = raw as Token[];
  for (const t of tokens) {
    let word = known.get(t.norm);
    if (word === undefined) {
      const stop = stops.has(t.norm);
      // Function words are compared by surface form only, so they need no stemming.
      word = { stop, stem: stop ? t.norm : stem(t.norm, lang) };
      if (known.size >= MAX_WORDS) known.clear();
      known.set(t.norm, word);
    }
    t.stop = word.stop;
    t.stem = word.stem;
  }
  return { language: lang, tokens };
}
