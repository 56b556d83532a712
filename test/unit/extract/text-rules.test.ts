import { describe, expect, it } from 'vitest';
import { buildVocabulary, detectLanguage, joinLines, normalizeLine, readLabel } from '../../../shared/core/extract';

const noEvidence = buildVocabulary([]);

describe('joinLines', () => {
  it('removes a soft line-break hyphen', () => {
    expect(joinLines(['the protection of migra-', 'tion workers'], noEvidence)).toBe('the protection of migration workers');
  });

  it('keeps the hyphen before a capital or a digit', () => {
    expect(joinLines(['during the COVID-', '19 pandemic in Asia-', 'Pacific'], noEvidence)).toBe('during the COVID-19 pandemic in Asia-Pacific');
  });

  it('keeps the hyphen of a known compound prefix', () => {
    expect(joinLines(['promote cross-', 'border cooperation and self-', 'reliance'], noEvidence)).toBe(
      'promote cross-border cooperation and self-reliance',
    );
  });

  it('follows the document: a compound seen elsewhere keeps its hyphen, a word seen whole is joined', () => {
    const vocabulary = buildVocabulary(['data on return-based programmes was used', 'partners reported progress every year']);
    expect(joinLines(['progress on return-', 'based work was re-', 'ported'], vocabulary)).toBe('progress on return-based work was reported');
  });

  it('joins number ranges without a space and words with one', () => {
    expect(joinLines(['for the period 2015-', '2030 and', 'beyond'], noEvidence)).toBe('for the period 2015-2030 and beyond');
  });

  it('drops a soft hyphen character at the end of a line', () => {
    expect(joinLines(['reinte\u00AD', 'gration'], noEvidence)).toBe('reintegration');
  });
});

describe('normalizeLine', () => {
  it('expands ligatures and normalises spaces and bullets', () => {
    expect(normalizeLine('\uF0B7  ef\uFB01cient\u00A0and \uFB02exible\u200B pathways ')).toBe('• efficient and flexible pathways');
  });
});

describe('detectLanguage', () => {
  it('tells English, French and Spanish apart', () => {
    expect(detectLanguage('The Assembly recalls that the protection of migrants is a shared responsibility of all States and that it requires cooperation.')).toBe('en');
    expect(detectLanguage("L'Assemblée rappelle que la protection des migrants est une responsabilité partagée par les États et qu'elle exige une coopération.")).toBe('fr');
    expect(detectLanguage('La Asamblea recuerda que la protección de los migrantes es una responsabilidad compartida por los Estados y que requiere cooperación.')).toBe('es');
  });

  it('says und when there is no evidence', () => {
    expect(detectLanguage('IOM UNHCR ILO 2024 2025')).toBe('und');
    expect(detectLanguage('')).toBe('und');
  });
});

describe('readLabel', () => {
  it('reads the printed labels of paragraphs', () => {
    expect(readLabel('12. Calls upon States')).toMatchObject({ style: 'decimal', value: '12' });
    expect(readLabel('(b) To combat discrimination')).toMatchObject({ style: 'letter', value: 'b' });
    expect(readLabel('(iv) in transit')).toMatchObject({ style: 'roman', value: 'iv' });
    expect(readLabel('III. Implementation')).toMatchObject({ style: 'upper-roman', value: 'III' });
    expect(readLabel('2.1 Methodology')).toMatchObject({ style: 'outline', value: '2.1' });
    expect(readLabel('• a bullet')).toMatchObject({ style: 'bullet', value: '' });
  });

  it('does not mistake years and references for labels', () => {
    expect(readLabel('2018, and endorsed by the General Assembly')).toBeNull();
    expect(readLabel('73/195 of 19 December 2018')).toBeNull();
  });
});
