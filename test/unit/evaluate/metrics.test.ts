import { describe, expect, it } from 'vitest';
import { evaluate, GoldFormatError, parseGold } from '../../../shared/core/evaluate/index';

describe('evaluation metrics', () => {
  it('computes per-element, micro and macro figures', () => {
    const r = evaluate(
      [
        { gold: ['a'], predicted: ['a', 'b'] },
        { gold: ['b'], predicted: [] },
        { gold: [], predicted: [] },
      ],
      ['a', 'b'],
    );
    expect(r.elements.a).toMatchObject({ precision: 1, recall: 1, f1: 1, support: 1, truePositives: 1, falsePositives: 0 });
    expect(r.elements.b).toMatchObject({ precision: 0, recall: 0, f1: 0, support: 1, falsePositives: 1, falseNegatives: 1 });
    expect(r.micro.precision).toBeCloseTo(1 / 2);
    expect(r.micro.recall).toBeCloseTo(1 / 2);
    expect(r.macro.f1).toBeCloseTo((1 + 0) / 2);
    expect(r.confusions).toEqual([{ predicted: 'b', gold: 'a', count: 1 }]);
    expect(r.missedItems).toBe(1);
  });

  it('records which gold element a false positive came with', () => {
    const r = evaluate([{ gold: ['k'], predicted: ['k', 'l'] }], ['k', 'l']);
    expect(r.confusions).toEqual([{ predicted: 'l', gold: 'k', count: 1 }]);
  });
});

describe('gold files', () => {
  it('parses JSON lines and skips blank lines', () => {
    const items = parseGold('{"id":"1","text":"x","elements":["H"," q"]}\n\n{"text":"y","elements":[]}\n');
    expect(items).toEqual([
      { id: '1', text: 'x', elements: ['h', 'q'] },
      { id: 'line-3', text: 'y', elements: [] },
    ]);
  });

  it('reports bad lines with their number', () => {
    expect(() => parseGold('{"id":"1","text":"x","elements":[]}\nnot json')).toThrow(/line 2: not valid JSON/);
    expect(() => parseGold('{"id":"1","text":"x","elements":["z"]}')).toThrow(GoldFormatError);
    expect(() => parseGold('{"id":"1","elements":[]}')).toThrow(/"text" must be a string/);
    expect(() => parseGold('')).toThrow(GoldFormatError);
  });
});
