import { describe, expect, it } from 'vitest';
import { loadClassifier } from '../../../shared/core/classify/index';
import { citedTitleSpans, insideSpans } from '../../../shared/core/classify/text/cited-titles';

const titles = (text: string) => citedTitleSpans(text).map(([s, e]) => text.slice(s, e));
const elements = (text: string) => loadClassifier().classifyText(text).map((t) => t.element);

describe('cited titles', () => {
  it('finds the subject of a cited resolution, up to the next clause', () => {
    const text = 'Recalling also its resolution 75/158 of 16 December 2020 on trafficking in women and girls, and its resolution 74/148 on the protection of migrants,';
    expect(titles(text)).toEqual(['trafficking in women and girls', 'the protection of migrants,']);
  });

  it('keeps commas that belong to a lower-case title but stops at a new clause', () => {
    const text = 'Reaffirming its resolution 70/179 on trafficking in persons, especially women and children, in which it called for action,';
    expect(titles(text)).toEqual(['trafficking in persons, especially women and children']);
  });

  it('finds reports, quoted titles and title-case instruments', () => {
    expect(titles('Taking note with appreciation of the report of the Special Rapporteur on the human rights of migrants;'))
      .toEqual(['the human rights of migrants']);
    expect(titles('Welcoming the declaration entitled "Protecting migrant workers in all sectors", which was adopted')).toEqual(['"Protecting migrant workers in all sectors"']);
    expect(titles('Recalling the Protocol against the Smuggling of Migrants by Land, Sea and Air, supplementing the Convention'))
      .toEqual(['Protocol against the Smuggling of Migrants by Land, Sea and Air']);
  });

  it('finds nothing in an ordinary sentence', () => {
    expect(titles('States should lower the cost of remittances and protect migrant workers from abuse.')).toEqual([]);
  });

  it('tests containment of character ranges', () => {
    expect(insideSpans([[10, 20]], 12, 20)).toBe(true);
    expect(insideSpans([[10, 20]], 12, 21)).toBe(false);
  });
});

describe('hits inside cited titles are passing mentions', () => {
  it('does not tag a preambular recall of a trafficking resolution with trafficking elements', () => {
    const text = 'Recalling its resolution 76/186 on trafficking in persons, especially women and children, and its resolution 77/194 on the smuggling of migrants,';
    const tags = elements(text);
    expect(tags).not.toContain('k');
    expect(tags).not.toContain('l');
  });

  it('still tags the element when the paragraph says something about it outside the title', () => {
    const text = 'Recalling its resolution 76/186 on trafficking in persons, and urging States to prosecute traffickers and to identify and assist the victims of trafficking;';
    const tags = elements(text);
    expect(tags).toContain('k');
    expect(tags).toContain('l');
  });
});

describe('title-case instruments count only in preambular paragraphs', () => {
  it('treats the Protocol as cited after "Recalling" but as the subject of an operative call', () => {
    const instrument = 'the Protocol against the Smuggling of Migrants by Land, Sea and Air';
    expect(titles(`Recalling ${instrument},`)).toHaveLength(1);
    expect(titles(`8. Urges States parties to implement fully ${instrument};`)).toHaveLength(0);
    expect(elements(`8. Urges States parties to implement fully ${instrument};`)).toContain('k');
  });
});
