import { describe, expect, it } from 'vitest';
import { analyse } from '../../../shared/core/classify/text/analyse';
import { guessLanguage } from '../../../shared/core/classify/text/language';
import { normaliseWord, tokenise } from '../../../shared/core/classify/text/tokenise';

describe('tokenising and normalising', () => {
  it('keeps offsets into the original text', () => {
    const text = 'Réfugiés  and ﬁnancial-flows';
    const tokens = tokenise(text);
    expect(tokens.map((t) => t.norm)).toEqual(['refugies', 'and', 'financial', 'flows']);
    expect(tokenise("main-d'œuvre").map((t) => t.norm)).toEqual(['main', 'd', 'oeuvre']);
    for (const t of tokens) expect(normaliseWord(text.slice(t.start, t.end))).toBe(t.norm);
  });

  it('finds exactly the runs of Unicode letters and digits, whatever the script', () => {
    const samples = [
      'Réfugiés  and ﬁnancial-flows; 78/217, A/RES/78/217 (2023)',
      'e\u0301migre\u0301s — combining marks split words, as the class says',
      'Ñandú año niño ΔΣ Москва 北京 ١٢٣ ²³ Ⅻ',
      'astral letters 𝐀𝐁𝐂 and 𝟙𝟚 digits, emoji 😀 between words😀x',
      '', '   ', '---', 'a', '9', '\u00a0non\u2011breaking\u00a0space',
    ];
    for (const text of samples) {
      const expected = [...text.matchAll(/[\p{L}\p{N}]+/gu)].map((m) => [m.index, m.index! + m[0].length, normaliseWord(m[0])]);
      expect(tokenise(text).map((t) => [t.start, t.end, t.norm]), text).toEqual(expected);
    }
  });

  it('stems English words and marks function words', () => {
    const { tokens, language } = analyse('The remittances of migrants');
    expect(language).toBe('en');
    expect(tokens.map((t) => [t.stem, t.stop])).toEqual([['the', true], ['remitt', false], ['of', true], ['migrant', false]]);
  });

  it('keeps colliding words apart ("mobility" ≠ "mobilizing", "nationals" ≠ "Nations")', () => {
    const stems = (t: string) => analyse(t, 'en').tokens.map((x) => x.stem);
    expect(stems('mobility mobilizing')[0]).not.toBe(stems('mobility mobilizing')[1]);
    expect(stems('nationals Nations')[0]).not.toBe(stems('nationals Nations')[1]);
    expect(stems('regularization regular')[0]).not.toBe(stems('regularization regular')[1]);
    expect(stems('regularization regularize')[0]).toBe(stems('regularization regularize')[1]);
  });

  it('guesses French and Spanish from function words, English by default', () => {
    expect(guessLanguage('la traite des personnes et le trafic de migrants'.split(' '))).toBe('fr');
    expect(guessLanguage('el costo de las remesas y los derechos de los migrantes'.split(' '))).toBe('es');
    expect(guessLanguage(['xyz'])).toBe('en');
  });
});
