/**
 * Lexicon patterns compiled into atoms that can be compared with analysed tokens.
 * See ../../taxonomy/lexicon-types.ts for the pattern syntax.
 */
import type { Language } from '../text/language';
import { STOPWORDS } from '../text/stopwords';
import { stem } from '../text/stem';
import { normaliseWord, tokenise } from '../text/tokenise';

export interface Atom {
  /** 'stem': equal stems; 'prefix': surface form starts with value; 'stop': equal surface function word. */
  kind: 'stem' | 'prefix' | 'stop';
  value: string;
}

/** A phrase is a sequence of atoms matched left to right. */
export type Phrase = Atom[];

/** Minimum prefix length, so that "re*" cannot match half the dictionary. */
const MIN_PREFIX = 3;

export function compilePhrase(text: string, lang: Language): Phrase {
  const atoms: Atom[] = [];
  for (const chunk of text.trim().split(/\s+/)) {
    const star = chunk.endsWith('*');
    const words = tokenise(star ? chunk.slice(0, -1) : chunk).map((t) => t.norm);
    words.forEach((w, i) => {
      if (star && i === words.length - 1) {
        if (w.length < MIN_PREFIX) throw new Error(`prefix "${w}*" is shorter than ${MIN_PREFIX} letters`);
        atoms.push({ kind: 'prefix', value: normaliseWord(w) });
      } else if (STOPWORDS[lang].has(w)) {
        atoms.push({ kind: 'stop', value: w });
      } else {
        atoms.push({ kind: 'stem', value: stem(w, lang) });
      }
    });
  }
  // Function words are kept even at the edges: they are what makes a negative such as
  // "in return" or "opportunity to" specific.
  if (atoms.length === 0) throw new Error(`pattern "${text}" has no words`);
  return atoms;
}

/** "a ~ b ~ c" → three phrases that must co-occur within a window. */
export function compilePattern(pattern: string, lang: Language): Phrase[] {
  return pattern.split('~').map((p) => compilePhrase(p, lang));
}

export function phraseKey(p: Phrase): string {
  return p.map((a) => `${a.kind[0]}:${a.value}`).join(' ');
}
