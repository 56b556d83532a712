import { describe, expect, it } from 'vitest';
import { compareSummaries, formatScope, hasChanges, inScope, InvalidScopeError, isCurrent, parseMessage, InvalidMessageError, parseScope, versionFor, newRunId, RUN_ID_PATTERN } from '../../../shared/app/reprocess';
import type { DocumentRecord, ElementSummary } from '../../../shared/app/types';
import { targetVersion } from '../../../shared/app/versions';

const summary = (element: string, addresses: boolean, paragraphCount = 1): ElementSummary =>
  ({ element, theme: 1, paragraphCount, bestScore: 0.8, score: 0.8, addresses, evidence: [] }) as ElementSummary;

const doc = (over: Partial<DocumentRecord> = {}): DocumentRecord => ({
  documentId: 'a'.repeat(64),
  sha256: 'a'.repeat(64),
  key: 'uploads/GFMD/a.pdf',
  keys: ['uploads/GFMD/a.pdf', 'uploads/Bali-Process/a.pdf'],
  bucket: 'b',
  title: null,
  pages: 1,
  language: 'en',
  byteLength: 10,
  status: 'tagged',
  reason: null,
  extractorVersion: 'extract-1',
  currentVersion: 'clf-1',
  elements: [],
  paragraphCount: 1,
  createdAt: '',
  updatedAt: '',
  ...over,
});

describe('run scopes', () => {
  it('round-trips every scope through its text form and rejects others with a typed error', () => {
    for (const s of ['all', 'failed', 'outdated', 'prefix:uploads/GFMD/']) expect(formatScope(parseScope(s))).toBe(s);
    expect(() => parseScope('prefix:')).toThrow(InvalidScopeError);
    expect(() => parseScope('everything')).toThrow(InvalidScopeError);
  });

  it('matches a prefix against any key the document was uploaded under', () => {
    expect(inScope({ kind: 'prefix', prefix: 'uploads/Bali' }, doc(), 'clf-1', 'extract-1')).toBe(true);
    expect(inScope({ kind: 'prefix', prefix: 'uploads/Rabat' }, doc(), 'clf-1', 'extract-1')).toBe(false);
  });

  it('selects failed documents, and outdated ones by classifier, extractor, or an unfinished switch', () => {
    expect(inScope({ kind: 'failed' }, doc(), 'clf-1', 'extract-1')).toBe(false);
    expect(inScope({ kind: 'failed' }, doc({ status: 'failed' }), 'clf-1', 'extract-1')).toBe(true);
    expect(inScope({ kind: 'outdated' }, doc(), 'clf-1', 'extract-1')).toBe(false);
    expect(inScope({ kind: 'outdated' }, doc(), 'clf-2', 'extract-1')).toBe(true);
    expect(inScope({ kind: 'outdated' }, doc(), 'clf-1', 'extract-2')).toBe(true);
    expect(inScope({ kind: 'outdated' }, doc({ switchPending: true }), 'clf-1', 'extract-1')).toBe(true);
  });

  it('counts a needs-ocr document as current while the extractor is the same, whatever the classifier', () => {
    expect(isCurrent(doc({ status: 'needs-ocr', currentVersion: null }), 'clf-9', 'extract-1')).toBe(true);
    expect(isCurrent(doc({ status: 'needs-ocr', currentVersion: null }), 'clf-9', 'extract-2')).toBe(false);
  });

  it('names the extractor in the version only when re-extracting, and accepts that version as current', () => {
    expect(versionFor('clf-1', 'extract-2', false)).toBe('clf-1');
    const v = versionFor('clf-1', 'extract-2', true);
    expect(v).toMatch(/^clf-1\+x[0-9a-f]{8}$/);
    expect(versionFor('clf-1', 'extract-3', true)).not.toBe(v);
    expect(isCurrent(doc({ currentVersion: v, extractorVersion: 'extract-2' }), 'clf-1', 'extract-2')).toBe(true);
  });

  it('writes a re-read of scanned pages by another OCR engine under a new version, never over the one being served', () => {
    const ocr = (engine: string) => ({ engine, pages: [2], confidence: null, model: null, notes: [] });
    // Tagged from its text pages while OCR was off; Textract is now the engine.
    const served = doc({ currentVersion: 'clf-1', extractorVersion: 'extract-1', ocr: ocr('off') });
    expect(isCurrent(served, 'clf-1', 'extract-1', 'textract-1')).toBe(false);
    const next = targetVersion(served, 'clf-1', 'extract-1', 'textract-1');
    expect(next).not.toBe('clf-1');
    expect(next).toBe(versionFor('clf-1', 'extract-1', true, 'textract-1'));
    expect(next).not.toBe(versionFor('clf-1', 'extract-1', true));
    // Once switched, it is current for that engine, and only for it.
    const reread = doc({ currentVersion: next, extractorVersion: 'extract-1', ocr: ocr('textract-1') });
    expect(isCurrent(reread, 'clf-1', 'extract-1', 'textract-1')).toBe(true);
    expect(isCurrent(reread, 'clf-1', 'extract-1', 'textract-2')).toBe(false);
    // A document without scanned pages is named as before, whatever the engine.
    expect(targetVersion(doc({ currentVersion: 'clf-1', extractorVersion: 'extract-1' }), 'clf-1', 'extract-2', 'textract-1')).toBe(versionFor('clf-1', 'extract-2', true));
    // A first version is the classifier version, scans or not.
    expect(targetVersion(doc({ currentVersion: null, status: 'ocr-pending', ocr: ocr('textract-1') }), 'clf-1', 'extract-1', 'textract-1')).toBe('clf-1');
  });
});

describe('change between two versions', () => {
  it('lists gained and lost elements, and paragraph counts that moved without a gain or loss', () => {
    const before = [summary('h', true, 2), summary('k', false, 1), summary('q', true, 3)];
    const after = [summary('h', true, 4), summary('k', true, 2), summary('t', false, 1)];
    const c = compareSummaries(before, after);
    expect(c).toEqual({ gained: ['k'], lost: ['q'], recounted: [{ element: 'h', before: 2, after: 4 }, { element: 't', before: 0, after: 1 }] });
    expect(hasChanges(c)).toBe(true);
    expect(hasChanges(compareSummaries(before, before))).toBe(false);
  });
});

describe('fan-out messages and run ids', () => {
  it('parses plan and document messages and rejects anything else with InvalidMessageError', () => {
    expect(parseMessage('{"type":"plan","runId":"r1"}')).toEqual({ type: 'plan', runId: 'r1' });
    expect(parseMessage(JSON.stringify({ type: 'document', runId: 'r1', documentId: 'f'.repeat(64) })).type).toBe('document');
    expect(() => parseMessage('not json')).toThrow(InvalidMessageError);
    expect(() => parseMessage('{"type":"document","runId":"r1","documentId":"x"}')).toThrow(InvalidMessageError);
    expect(() => parseMessage('{"Records":[]}')).toThrow(InvalidMessageError);
  });

  it('makes run ids that sort by start time and match the API pattern', () => {
    const a = newRunId(new Date('2026-11-30T03:15:00.123Z'));
    const b = newRunId(new Date('2026-11-30T03:15:01.000Z'));
    expect(a).toMatch(RUN_ID_PATTERN);
    expect(a.startsWith('20261130T031500Z-')).toBe(true);
    expect(a < b).toBe(true);
  });
});
