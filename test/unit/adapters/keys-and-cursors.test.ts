import { describe, expect, it } from 'vitest';
import { checkVersion, gsi, InvalidVersionError, keys, padScore, parseDocumentSortKey, rankingRange } from '../../../shared/adapters/dynamodb/keys';
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

  it('keeps a version, its parts and its ranking entries under the version, told apart by their sort keys', () => {
    expect(keys.version('d1', 'gcm-1.2')).toEqual({ pk: 'DOC#d1', sk: 'V#gcm-1.2' });
    const part = keys.versionPart('d1', 'gcm-1.2', 2);
    const entry = keys.rankingEntry('d1', 'gcm-1.2', { kind: 'theme', id: 6 });
    expect(part.sk.startsWith(keys.versionPartPrefix('gcm-1.2'))).toBe(true);
    expect(parseDocumentSortKey('V#gcm-1.2')).toEqual({ kind: 'version', version: 'gcm-1.2' });
    expect(parseDocumentSortKey(part.sk)).toEqual({ kind: 'part', version: 'gcm-1.2' });
    expect(parseDocumentSortKey(entry.sk)).toEqual({ kind: 'ranking', version: 'gcm-1.2' });
    // A re-extracted version's name starts with the classifier version: still another version.
    expect(parseDocumentSortKey(keys.rankingEntry('d1', 'gcm-1.2+xab12cd34', { kind: 'element', id: 'k' }).sk)).toEqual({ kind: 'ranking', version: 'gcm-1.2+xab12cd34' });
    expect(parseDocumentSortKey('META')).toEqual({ kind: 'other' });
    expect(parseDocumentSortKey('V#old#P#00001')).toEqual({ kind: 'other' });
  });

  it('refuses versions that would break the key layout', () => {
    expect(checkVersion('cls-3f2a9c')).toBe('cls-3f2a9c');
    expect(() => keys.version('d', 'a#b')).toThrow(InvalidVersionError);
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
