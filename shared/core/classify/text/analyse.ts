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

export function analyse(text: string, language?: Language): AnalysedText {
  const raw = tokenise(text);
  const lang = language ?? guessLanguage(raw.slice(0, LANGUAGE_SAMPLE).map((t) => t.norm));
  const stops = STOPWORDS[lang];
  // RawTokens are extended in place (one object per token, not two): this runs for every paragraph.
  const tokens = raw as Token[];
  for (const t of tokens) {
    t.stop = stops.has(t.norm);
    // Function words are compared by surface form only, so they need no stemming.
    t.stem = t.stop ? t.norm : stem(t.norm, lang);
  }
  return { language: lang, tokens };
}
