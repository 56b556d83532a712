import { describe, expect, it } from 'vitest';
import { attributeValueSize, itemSize, writeUnits } from '../../../bench/lib/item-size';

describe('DynamoDB item size', () => {
  it('counts attribute names and UTF-8 string bytes', () => {
    // "pk" (2) + "doc#1" (5) + "title" (5) + "Réunion" (8 bytes in UTF-8)
    expect(itemSize({ pk: { S: 'doc#1' }, title: { S: 'Réunion' } })).toBe(20);
  });

  it('sizes numbers by significant digits and booleans/nulls as one byte', () => {
    expect(attributeValueSize({ N: '12345' })).toBe(4);
    expect(attributeValueSize({ N: '0.5' })).toBe(2);
    expect(attributeValueSize({ BOOL: true })).toBe(1);
    expect(attributeValueSize({ NULL: true })).toBe(1);
  });

  it('adds list and map overhead', () => {
    // list: 3 + (1 + 1) + (1 + 1) for two one-byte strings
    expect(attributeValueSize({ L: [{ S: 'a' }, { S: 'b' }] })).toBe(7);
    // map: 3 + 1 + "k" + "v"
    expect(attributeValueSize({ M: { k: { S: 'v' } } })).toBe(6);
  });

  it('bills one write unit per started KiB, at least one', () => {
    expect(writeUnits(0)).toBe(1);
    expect(writeUnits(1024)).toBe(1);
    expect(writeUnits(1025)).toBe(2);
  });

  it('rejects an attribute value of unknown shape', () => {
    expect(() => attributeValueSize({} as never)).toThrow(TypeError);
  });
});
