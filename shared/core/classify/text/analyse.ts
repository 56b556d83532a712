import { guessLanguage, type Language } from './language';
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
  const lang = language ?? guessLanguage(raw.map((t) => t.norm));
  const stops = STOPWORDS[lang];
  const tokens = raw.map((t) => {
    const stop = stops.has(t.norm);
    // Function words are compared by surface form only, so they need no stemming.
    return { norm: t.norm, stem: stop ? t.norm : stem(t.norm, lang), stop, start: t.start, end: t.end };
  });
  return { language: lang, tokens };
}
