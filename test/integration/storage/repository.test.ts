import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { DynamoDocumentRepository } from '../../../shared/adapters/dynamodb/document-repository';
import { batchWriteAll } from '../../../shared/adapters/dynamodb/batch';
import { InvalidCursorError } from '../../../shared/adapters/dynamodb/cursor';
import { buildIndexEntries } from '../../../shared/app/evidence';
import type { ElementSummary, StoredParagraph } from '../../../shared/app/types';
import { startLocalServices, type LocalServices } from '../../helpers/local-services';

let svc: LocalServices;
let repo: DynamoDocumentRepository;
let clock = new Date('2026-01-01T00:00:00Z');

beforeAll(async () => {
  svc = await startLocalServices();
  repo = new DynamoDocumentRepository({
    client: svc.dynamo.doc,
    table: svc.table,
    cursorSecret: 'test-secret',
    retentionMs: 60_000,
    now: () => clock,
  });
});
afterAll(() => svc?.stop());

const sha = (n: number) => n.toString(16).padStart(64, '0');

function paragraphs(count: number, element: 'k' | 'c' = 'k'): StoredParagraph[] {
  return Array.from({ length: count }, (_, i) => ({
    index: i,
    number: String(i + 1),
    page: 1 + Math.floor(i / 10),
    pageEnd: 1 + Math.floor(i / 10),
    kind: 'operative' as const,
    text: `Paragraph ${i} about trafficking in persons and smuggling.`,
    tags: i % 2 === 0 ? [{ element, theme: element === 'k' ? 3 : 1, score: 0.5 + i / 1000, matchedTerms: ['trafficking'], tfidfTerms: [] }] : [],
  })) as StoredParagraph[];
}

function summary(element: 'k' | 'c', score: number, evidence: number[]): ElementSummary {
  return { element, theme: element === 'k' ? 3 : 1, paragraphCount: evidence.length, bestScore: score, score, addresses: true, evidence };
}

const facts = { title: 'T', pages: 3, language: 'en' as const, extractorVersion: 'x1' };

async function tagDocument(id: string, version: string, expected: string | null, score: number, count = 30, element: 'k' | 'c' = 'k') {
  const ps = paragraphs(count, element);
  const elements = [summary(element, score, [0, 2, 4])];
  await repo.writeVersion({ documentId: id, version, paragraphs: ps, elements });
  return repo.switchVersion({
    documentId: id,
    version,
    expectedCurrent: expected,
    elements,
    paragraphCount: ps.length,
    facts,
    index: buildIndexEntries(elements, ps),
  });
}

describe('DynamoDocumentRepository', () => {
  it('writes more than 25 items per version (batched) and reads them back in order', async () => {
    await repo.registerDocument({ documentId: sha(1), sha256: sha(1), bucket: 'b', key: 'uploads/a.pdf', byteLength: 10 });
    expect(await tagDocument(sha(1), 'c1', null, 0.8, 60)).toBe(true);
    const all = await repo.listParagraphs(sha(1), 'c1');
    expect(all).toHaveLength(60);
    expect(all.map((p) => p.index)).toEqual([...Array(60).keys()]);
    const onlyK = await repo.listParagraphs(sha(1), 'c1', 'k');
    expect(onlyK.map((p) => p.index)).toEqual([...Array(30).keys()].map((i) => i * 2));
    const doc = await repo.getDocument(sha(1));
    expect(doc).toMatchObject({ status: 'tagged', currentVersion: 'c1', paragraphCount: 60, title: 'T' });
  });

  it('batchWriteAll splits into calls of at most 25 items', async () => {
    const items = Array.from({ length: 61 }, (_, i) => ({ PutRequest: { Item: { pk: 'BATCH', sk: `I#${i}` } } }));
    const { calls } = await batchWriteAll(svc.dynamo.doc, svc.table, items);
    expect(calls).toBe(3);
    const res = await svc.dynamo.doc.send(new QueryCommand({ TableName: svc.table, KeyConditionExpression: 'pk = :p', ExpressionAttributeValues: { ':p': 'BATCH' } }));
    expect(res.Count).toBe(61);
  });

  it('records a second key for the same bytes once, without a second document', async () => {
    await repo.registerDocument({ documentId: sha(1), sha256: sha(1), bucket: 'b', key: 'uploads/copy of a.pdf', byteLength: 10, process: 'Bali Process' });
    await repo.registerDocument({ documentId: sha(1), sha256: sha(1), bucket: 'b', key: 'uploads/copy of a.pdf', byteLength: 10 });
    const doc = await repo.getDocument(sha(1));
    expect(doc?.keys).toEqual(['uploads/a.pdf', 'uploads/copy of a.pdf']);
    expect(doc?.key).toBe('uploads/a.pdf');
    expect(doc?.process).toBe('Bali Process');
    expect(await repo.documentIdForKey('uploads/copy of a.pdf')).toBe(sha(1));
  });

  it('ranks documents by element score, best first, with signed cursors', async () => {
    for (const [n, score] of [[2, 0.3], [3, 0.9], [4, 0.6]] as const) {
      await repo.registerDocument({ documentId: sha(n), sha256: sha(n), bucket: 'b', key: `uploads/${n}.pdf`, byteLength: 1, process: n === 3 ? 'Bali Process' : 'Rabat Process' });
      await tagDocument(sha(n), 'c1', null, score, 4);
    }
    const first = await repo.rankByElement('k', { limit: 2 });
    expect(first.items.map((d) => d.score)).toEqual([0.9, 0.8]);
    expect(first.items[0].evidence[0]).toMatchObject({ index: 0, page: 1, matchedTerms: ['trafficking'] });
    expect(first.nextCursor).toBeTruthy();
    const second = await repo.rankByElement('k', { limit: 2, cursor: first.nextCursor });
    expect(second.items.map((d) => d.score)).toEqual([0.6, 0.3]);

    const filtered = await repo.rankByElement('k', { limit: 10, minScore: 0.5, process: 'Rabat Process' });
    expect(filtered.items.map((d) => d.documentId)).toEqual([sha(4)]);
    const theme = await repo.rankByTheme(3, { limit: 10 });
    expect(theme.items).toHaveLength(4);
    expect(await repo.countByElement('k')).toBe(4);
    expect(await repo.countByElement('a')).toBe(0);

    // A cursor from another query, or altered, is rejected.
    await expect(repo.rankByElement('c', { limit: 2, cursor: first.nextCursor })).rejects.toBeInstanceOf(InvalidCursorError);
    const tampered = first.nextCursor!.replace(/^./, (ch) => (ch === 'e' ? 'f' : 'e'));
    await expect(repo.rankByElement('k', { limit: 2, cursor: tampered })).rejects.toBeInstanceOf(InvalidCursorError);
  });

  it('switches versions conditionally, moves the index, and purges the old version after retention', async () => {
    // A writer that expects the wrong current version loses.
    expect(await tagDocument(sha(4), 'c2', 'not-current', 0.1, 4, 'c')).toBe(false);
    expect(await tagDocument(sha(4), 'c2', 'c1', 0.7, 4, 'c')).toBe(true);
    const doc = await repo.getDocument(sha(4));
    expect(doc?.currentVersion).toBe('c2');
    const k = await repo.rankByElement('k', { limit: 10 });
    expect(k.items.map((d) => d.documentId)).not.toContain(sha(4));
    const c = await repo.rankByElement('c', { limit: 10 });
    expect(c.items.map((d) => [d.documentId, d.version])).toEqual([[sha(4), 'c2']]);
    // Old version still there for comparison until retention passes.
    expect(await repo.listParagraphs(sha(4), 'c1')).toHaveLength(4);
    expect((await repo.getVersionSummary(sha(4), 'c1'))?.elements.map((e) => e.element)).toEqual(['k']);
    expect((await repo.getVersionSummary(sha(4), 'c2'))?.elements.map((e) => e.element)).toEqual(['c']);
    expect(await repo.purgeExpiredVersions(new Date(clock.getTime() + 1000))).toBe(0);
    expect(await repo.purgeExpiredVersions(new Date(clock.getTime() + 120_000))).toBe(1);
    expect(await repo.listParagraphs(sha(4), 'c1')).toHaveLength(0);
    expect(await repo.getVersionSummary(sha(4), 'c1')).toBeUndefined();
    expect(await repo.listParagraphs(sha(4), 'c2')).toHaveLength(4);
  });

  it('lists documents by status with pagination across status partitions', async () => {
    await repo.registerDocument({ documentId: sha(9), sha256: sha(9), bucket: 'b', key: 'uploads/9.pdf', byteLength: 1 });
    await repo.setStatus(sha(9), 'failed', { reason: 'corrupt: bad xref' });
    const failed = await repo.listByStatus('failed', 10);
    expect(failed.items.map((d) => [d.documentId, d.reason])).toEqual([[sha(9), 'corrupt: bad xref']]);
    const seen: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await repo.listByStatus(undefined, 2, cursor);
      seen.push(...page.items.map((d) => d.documentId));
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen.sort()).toEqual([sha(1), sha(2), sha(3), sha(4), sha(9)]);
    await expect(repo.listByStatus('tagged', 2, 'garbage.cursor')).rejects.toBeInstanceOf(InvalidCursorError);
  });

  it('stores runs', async () => {
    const run = { runId: 'r1', scope: 'all', targetVersion: 'c2', status: 'running' as const, counts: { pending: 3, done: 0, failed: 0, unchanged: 0 }, startedAt: clock.toISOString() };
    await repo.putRun(run);
    expect(await repo.getRun('r1')).toEqual(run);
  });
});
