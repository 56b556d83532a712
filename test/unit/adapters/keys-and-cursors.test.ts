import { describe, expect, it } from 'vitest';
import { checkVersion, gsi, InvalidVersionError, keys, padIndex, padScore, rankingRange } from '../../../shared/adapters/dynamodb/keys';
import { asStartKey, CursorCodec, InvalidCursorError } from '../../../shared/adapters/dynamodb/cursor';
import { chunk } from '../../../shared/adapters/dynamodb/batch';

describe('table keys', () => {
  it('pads scores so string order equals numeric order', () => {
    const scores = [0, 0.05, 0.1, 0.123456, 0.5, 0.9999999, 1];
    const padded = scores.map(padScore);
    expect([...padded].sort()).toEqual(padded);
    expect(padScore(0.5)).toBe('0500000');
    expect(padScore(7)).toBe('1000000');
    expect(padScore(Number.NaN)).toBe('0000000');
  });

  it('puts paragraphs and tags of a version under one sort-key prefix', () => {
    const p = keys.paragraph('d1', 'gcm-1.2', 12);
    const t = keys.tag('d1', 'gcm-1.2', 'k', 12);
    expect(p).toEqual({ pk: 'DOC#d1', sk: 'V#gcm-1.2#P#00012' });
    expect(t.sk.startsWith(keys.versionPrefix('gcm-1.2'))).toBe(true);
    expect(t.sk.startsWith(keys.tagPrefix('gcm-1.2', 'k'))).toBe(true);
    expect(padIndex(7)).toBe('00007');
    expect(() => padIndex(-1)).toThrow(RangeError);
  });

  it('refuses versions that would break the key layout', () => {
    expect(checkVersion('cls-3f2a9c')).toBe('cls-3f2a9c');
    expect(() => keys.paragraph('d', 'a#b', 1)).toThrow(InvalidVersionError);
    expect(() => checkVersion('')).toThrow(InvalidVersionError);
  });

  it('builds ranking sort keys inside the minScore range', () => {
    const { from, to } = rankingRange(0.4);
    const hi = gsi.ranking({ kind: 'element', id: 'k' }, 0.41, 'doc').gsi1sk;
    const lo = gsi.ranking({ kind: 'element', id: 'k' }, 0.39, 'doc').gsi1sk;
    expect(hi >= from && hi <= to).toBe(true);
    expect(lo >= from).toBe(false);
    expect(gsi.ranking({ kind: 'theme', id: 3 }, 1, 'doc').gsi1pk).toBe('THEME#3');
  });

  it('chunks batch writes at 25', () => {
    expect(chunk([...Array(51).keys()], 25).map((c) => c.length)).toEqual([25, 25, 1]);
  });
});

describe('CursorCodec', () => {
  const codec = new CursorCodec('secret');
  const key = { pk: 'DOC#1', sk: 'IDX#E#k', gsi1pk: 'ELEM#k', gsi1sk: '0900000#1' };

  it('round-trips a position within its scope', () => {
    const token = codec.encode('elem:k', key);
    expect(asStartKey(codec.decode(token, 'elem:k'), ['pk', 'sk', 'gsi1pk', 'gsi1sk'])).toEqual(key);
  });

  it('rejects tampered, foreign-scope, foreign-secret and malformed cursors', () => {
    const token = codec.encode('elem:k', key);
    const [body, sig] = token.split('.');
    const forged = Buffer.from(JSON.stringify({ q: 'elem:k', p: { ...key, pk: 'DOC#2' } })).toString('base64url');
    expect(() => codec.decode(`${forged}.${sig}`, 'elem:k')).toThrow(InvalidCursorError);
    expect(() => codec.decode(token, 'elem:c')).toThrow(InvalidCursorError);
    expect(() => new CursorCodec('other').decode(token, 'elem:k')).toThrow(InvalidCursorError);
    expect(() => codec.decode(body, 'elem:k')).toThrow(InvalidCursorError);
    expect(() => codec.decode('!!!.???', 'elem:k')).toThrow(InvalidCursorError);
  });

  it('rejects a validly signed position of the wrong shape', () => {
    const token = codec.encode('elem:k', { pk: 1 });
    expect(() => asStartKey(codec.decode(token, 'elem:k'), ['pk', 'sk', 'gsi1pk', 'gsi1sk'])).toThrow(InvalidCursorError);
  });
});
